package io.cfsync.connect;

import io.cfsync.dest.Destination;
import io.cfsync.report.Durations;
import io.cfsync.report.Version;
import io.cfsync.send.Network;
import io.cfsync.send.TuningChecks;
import io.cfsync.send.SinkTuning;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The connector's keys for how to send, each the twin of a {@code cf-sync send} option with the same default and
 * the same check: rate, concurrency, retries, the adaptive rate, the three timeouts, the give-up time and batching.
 * Stateless.
 */
final class TuningKeys {
    static final String RATE = ConnectorConfig.RATE;
    static final String CONCURRENCY = ConnectorConfig.CONCURRENCY;
    static final String MAX_RETRIES = ConnectorConfig.MAX_RETRIES;
    static final String GIVE_UP_AFTER = ConnectorConfig.GIVE_UP_AFTER;
    static final String ADAPTIVE_RATE = "cf.adaptive.rate";
    static final String TIMEOUT = "cf.timeout";
    static final String CONNECT_TIMEOUT = "cf.connect.timeout";
    static final String MAX_EVENT_TIME = "cf.max.event.time";
    static final String BATCH = "cf.batch";
    static final String BATCH_SIZE = "cf.batch.size";
    static final String BULK = "cf.bulk";
    static final int DEFAULT_BATCH_SIZE = 1000;
    private static final SinkTuning.Timeouts T = SinkTuning.Timeouts.DEFAULTS;

    /**
     * How to send, the most events in one batch request (0: one request per event), and whether identifies go
     * through the destination's bulk jobs where it has them.
     */
    record Sending(SinkTuning options, int batchSize, boolean bulk) {
    }

    private TuningKeys() {
    }

    static void define(ConfigDef def) {
        def.define(RATE, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                        "Requests per second for the whole connector (default: the destination's own); 'unlimited' "
                                + "for no limit. Split over the tasks by the partitions each holds, recomputed when "
                                + "tasks start and stop and at each rebalance (see the README)")
                .define(CONCURRENCY, ConfigDef.Type.INT, SinkTuning.DEFAULT_CONCURRENCY,
                        ConfigDef.Importance.MEDIUM, "Requests in flight at most, per task")
                .define(MAX_RETRIES, ConfigDef.Type.INT, SinkTuning.DEFAULT_MAX_RETRIES, ConfigDef.Importance.LOW,
                        "Retries of a request after 408, 429, 5xx, timeouts and dropped connections")
                .define(GIVE_UP_AFTER, ConfigDef.Type.STRING, Durations.format(SinkTuning.DEFAULT_GIVE_UP_AFTER),
                        ConfigDef.Importance.LOW, "How long the vendor may keep failing before the task pauses "
                                + "its partitions and tries again later")
                .define(ADAPTIVE_RATE, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                        "Below the task's share of cf.rate, slow down while the vendor answers 429s and speed up "
                                + "again after cleaner seconds; false keeps the rate fixed and pauses all sending "
                                + "after every 429")
                .define(TIMEOUT, ConfigDef.Type.STRING, Durations.format(T.response()), ConfigDef.Importance.LOW,
                        "Longest one request may take, from connecting to the last byte of the answer; retried")
                .define(CONNECT_TIMEOUT, ConfigDef.Type.STRING, Durations.format(T.connect()),
                        ConfigDef.Importance.LOW, "Time to open a connection")
                .define(MAX_EVENT_TIME, ConfigDef.Type.STRING, Durations.format(T.event()), ConfigDef.Importance.LOW,
                        "Longest one event may take, retries and waits included, before it is reported as an "
                                + "errant record (max-event-time); at least 2s")
                .define(BATCH, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                        "Pack events into batch requests where the destination has a batch API (Customer.io "
                                + "api=track-v2 and api=pipelines); each answer settles exactly the records in its "
                                + "batch. false sends one request per event")
                .define(BATCH_SIZE, ConfigDef.Type.INT, DEFAULT_BATCH_SIZE, ConfigDef.Importance.LOW,
                        "Most events in one batch request; batches also stay under the vendor's body limit")
                .define(BULK, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                        "Send identifies through the destination's asynchronous bulk jobs when more than one "
                                + "customer is waiting (Kustomer: POST /v1/customers/bulk, up to 100 a request, "
                                + "polled until complete; one unit of the budget each); each item's result settles "
                                + "its own record. false sends each record's own requests");
    }

    /** The keys' values checked; each mistake noted beside its key; null when there was one. */
    static Sending check(Map<String, Object> v, Destination dest, Network network, Problems problems) {
        Double rate = problems.attempt(RATE, () -> v.get(RATE) == null ? (dest == null ? 1.0 : dest.defaultRate())
                : TuningChecks.rate(RATE, (String) v.get(RATE)));
        Integer concurrency = problems.attempt(CONCURRENCY,
                () -> TuningChecks.concurrency(CONCURRENCY, (Integer) v.getOrDefault(CONCURRENCY, 1)));
        Integer retries = problems.attempt(MAX_RETRIES,
                () -> TuningChecks.maxRetries(MAX_RETRIES, (Integer) v.getOrDefault(MAX_RETRIES, 0)));
        Duration giveUp = problems.attempt(GIVE_UP_AFTER,
                () -> duration(v, GIVE_UP_AFTER, SinkTuning.DEFAULT_GIVE_UP_AFTER));
        Duration timeout = problems.attempt(TIMEOUT, () -> duration(v, TIMEOUT, T.response()));
        Duration connect = problems.attempt(CONNECT_TIMEOUT,
                () -> duration(v, CONNECT_TIMEOUT, T.connect()));
        Duration event = problems.attempt(MAX_EVENT_TIME, () -> atLeast2s(duration(v, MAX_EVENT_TIME, T.event())));
        Integer batchSize = problems.attempt(BATCH_SIZE, () -> batchSize(v));
        if (rate == null || concurrency == null || retries == null || giveUp == null || timeout == null
                || connect == null || event == null || batchSize == null) {
            return null;
        }
        boolean adaptive = !Boolean.FALSE.equals(v.get(ADAPTIVE_RATE));
        SinkTuning options = SinkTuning.defaults(rate, "cf-sync/" + Version.get()).withConcurrency(concurrency)
                .withMaxRetries(retries).withTimeouts(new SinkTuning.Timeouts(connect, timeout, event))
                .withGiveUpAfter(giveUp).withAdaptiveRate(adaptive).withNetwork(network);
        return new Sending(options, Boolean.FALSE.equals(v.get(BATCH)) ? 0 : batchSize,
                !Boolean.FALSE.equals(v.get(BULK)));
    }

    private static int batchSize(Map<String, Object> v) {
        int n = (Integer) v.getOrDefault(BATCH_SIZE, DEFAULT_BATCH_SIZE);
        if (n < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be at least 1, not " + n);
        }
        return n;
    }

    private static Duration atLeast2s(Duration d) {
        if (d.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException(MAX_EVENT_TIME + " must be at least 2s");
        }
        return d;
    }

    static Duration duration(Map<String, Object> v, String key, Duration fallback) {
        return v.get(key) == null ? fallback : Durations.parse((String) v.get(key));
    }
}
