package io.cfsync.connect;

import io.cfsync.report.Redactor;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where records that cannot be delivered go: Connect's errant record reporter (the dead-letter topic when one is
 * configured) with why as headers, {@code cf-sync.reason}, {@code cf-sync.detail}, {@code cf-sync.status} and
 * {@code cf-sync.response} (a redacted excerpt of the vendor's answer); with no reporter, Connect's
 * {@code errors.tolerance} decides: {@code all} drops the record with a log line, {@code none} fails the task.
 * Used on the task thread only.
 */
final class ErrantRecords {
    static final String REASON = "cf-sync.reason";
    static final String DETAIL = "cf-sync.detail";
    static final String STATUS = "cf-sync.status";
    static final String RESPONSE = "cf-sync.response";

    /** Why one record is errant; every text already redacted. */
    record Why(String reason, String detail, int status, String response) {
        String describe() {
            return reason + (detail == null ? "" : ": " + detail);
        }
    }

    /** The exception the reporter records with the record (its message lands in Connect's own error headers). */
    static final class Undeliverable extends ConnectException {
        private static final long serialVersionUID = 1L;

        Undeliverable(String message) {
            super(message);
        }
    }

    private final ErrantRecordReporter reporter;
    private final boolean tolerateAll;
    private final Redactor redactor;

    /**
     * @param reporter the task context's reporter, or null when none is configured
     * @param props    the task's configuration, for {@code errors.tolerance}
     */
    ErrantRecords(ErrantRecordReporter reporter, Map<String, String> props, Redactor redactor) {
        this.reporter = reporter;
        this.tolerateAll = "all".equals(String.valueOf(props.get("errors.tolerance")).trim().toLowerCase(Locale.ROOT));
        this.redactor = redactor;
    }

    /**
     * Reports {@code record}; returns once the reporter has it (Connect commits its offset only after the
     * dead-letter write is done).
     *
     * @throws ConnectException when Connect's error tolerance says the task must stop
     */
    void report(SinkRecord record, Why why) {
        String where = record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
        String message = redactor.redact("event at " + where + " not delivered: " + why.describe());
        if (reporter == null) {
            if (!tolerateAll) {
                throw new ConnectException(message + " (errors.tolerance=none and no dead-letter topic)");
            }
            System.err.println("cf-sync: " + message + "; skipped (errors.tolerance=all)");
            return;
        }
        reporter.report(withWhy(record, why), new Undeliverable(message));
    }

    /**
     * A copy of {@code record} with the why headers. A plain record, so the reporter writes these headers (it
     * would send a record read from Kafka as it was read).
     */
    private SinkRecord withWhy(SinkRecord r, Why why) {
        ConnectHeaders headers = new ConnectHeaders();
        for (Header h : r.headers()) {
            headers.add(h);
        }
        headers.addString(REASON, why.reason());
        if (why.detail() != null) {
            headers.addString(DETAIL, redactor.redact(why.detail()));
        }
        if (why.status() != 0) {
            headers.addString(STATUS, Integer.toString(why.status()));
        }
        if (why.response() != null) {
            headers.addString(RESPONSE, redactor.redact(why.response()));
        }
        return new SinkRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(), r.value(),
                r.kafkaOffset(), r.timestamp(), r.timestampType(), headers);
    }
}
