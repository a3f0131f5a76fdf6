package io.cfsync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.report.DeadLetters;
import io.cfsync.report.OutcomeLog;
import io.cfsync.report.RunStats;
import io.cfsync.send.Delivery;
import io.cfsync.send.DeliveryListener;
import io.cfsync.send.Failure;
import java.util.concurrent.CompletableFuture;

/**
 * The one place an event's outcome is booked: the stats, the outcomes log, the dead-letter file and, with a ledger,
 * the checkpoints. The pipeline books skips and invalid events here; the sink books the rest through the
 * {@link DeliveryListener} methods. Thread-safe as far as its parts are (the sink calls it from sender threads).
 */
public final class OutcomeBook implements DeliveryListener {
    private final RunStats stats;
    private final DeadLetters deadLetters;
    private final OutcomeLog outcomes;
    private final Checkpoints checkpoints;
    private final String deliveredWord;

    /**
     * @param checkpoints   the ledger's view of this run, or null without a ledger
     * @param deliveredWord the outcome name for events the sink accepted: {@code mapped} or {@code delivered}
     */
    public OutcomeBook(RunStats stats, DeadLetters deadLetters, OutcomeLog outcomes, Checkpoints checkpoints,
                String deliveredWord) {
        this.stats = stats;
        this.deadLetters = deadLetters;
        this.outcomes = outcomes;
        this.checkpoints = checkpoints;
        this.deliveredWord = deliveredWord;
    }

    public RunStats stats() {
        return stats;
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    @Override
    public void delivered(Delivery d) {
        deliveredAsync(d).join();
    }

    /** Books the delivery; with a ledger, completes once it is committed there. */
    @Override
    public CompletableFuture<Void> deliveredAsync(Delivery d) {
        stats.delivered.increment();
        stats.requests.add(d.requests().size());
        outcomes.record(d.file(), d.line(), d.messageId(), deliveredWord, null);
        if (checkpoints == null) {
            return CompletableFuture.completedFuture(null);
        }
        return checkpoints.delivered(EventKeys.of(d.messageId(), d.event()))
                .thenRun(() -> checkpoints.finished(d.file(), d.line()));
    }

    /** Books a permanent failure; the line counts as finished only once its dead letter is written. */
    @Override
    public void failed(Delivery d, Failure f) {
        // Written first: if the write fails, the event stays unfinished and the run stops.
        deadLetters.write(new DeadLetters.Entry(f.reason(), f.detail(), d.file(), d.line(), d.event(),
                d.text(), null, f.status(), f.response()));
        stats.deadLettered.add(f.reason());
        outcomes.record(d.file(), d.line(), d.messageId(), "dead-lettered", f.reason());
        if (checkpoints != null) {
            checkpoints.failed(EventKeys.of(d.messageId(), d.event()));
            checkpoints.finished(d.file(), d.line());
        }
    }

    /** A stopped run left it unsettled: not finished, so the watermark stays below it for the next run. */
    @Override
    public void pending(Delivery d, boolean sent) {
        (sent ? stats.interrupted : stats.notAttempted).increment();
        outcomes.record(d.file(), d.line(), d.messageId(), "pending", sent ? "interrupted" : "not-attempted");
        if (checkpoints != null) {
            checkpoints.failed(EventKeys.of(d.messageId(), d.event()));
        }
    }

    /** A line or event deliberately not sent. */
    public void skipped(String file, long line, String messageId, String reason) {
        if (checkpoints != null) {
            checkpoints.passed(file, line);
        }
        stats.skipped.add(reason);
        outcomes.record(file, line, messageId, "skipped", reason);
    }

    /** A line or event that cannot be sent: invalid, or refused by the translator. */
    public void deadLettered(String file, long line, String messageId, String reason, String detail, JsonNode json,
                      String raw, byte[] rawBytes) {
        // Written first: only a line whose entry is written counts as finished; a failed write stops the run.
        deadLetters.write(new DeadLetters.Entry(reason, detail, file, line, json, raw, rawBytes, 0, null));
        if (checkpoints != null) {
            checkpoints.passed(file, line);
        }
        stats.deadLettered.add(reason);
        outcomes.record(file, line, messageId, "dead-lettered", reason);
    }
}
