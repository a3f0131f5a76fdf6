package io.cfsync.pipeline;

import io.cfsync.report.DeadLetter;
import io.cfsync.report.DeadLetters;
import io.cfsync.report.OutcomeLog;
import io.cfsync.report.RunStats;
import io.cfsync.send.Delivery;
import io.cfsync.send.DeliveryListener;
import io.cfsync.send.Failure;
import io.cfsync.event.Event;
import io.cfsync.event.EventKeys;
import io.cfsync.input.Item;
import io.cfsync.input.SourceRef;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The one place an event's outcome is booked: the stats, the outcomes log, the dead-letter file and, with a ledger,
 * the checkpoints. The pipeline books skips and invalid events here; the sink books the rest through the
 * {@link DeliveryListener} methods. Thread-safe as far as its parts are (the sink calls it from sender threads).
 */
final class OutcomeBook implements DeliveryListener {
    private final RunStats stats;
    private final DeadLetters deadLetters;
    private final OutcomeLog outcomes;
    private final Checkpoints checkpoints;
    private final String deliveredWord;
    /** Deliveries of merged identify calls, by identity, with the calls merged into them. */
    private final Map<Delivery, List<Item.Good>> merged = Collections.synchronizedMap(new IdentityHashMap<>());

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

    /**
     * Registers the identify calls merged into {@code d} by {@code --compact}. Each was started on the ledger, and
     * claimed there, when it was held; each ends when {@code d} does: {@code compacted} once {@code d} is delivered
     * (recorded as delivered too, so a later run that reads it again skips it) or dead-lettered (its claim given
     * back), and {@code pending}, its line unfinished, when the run stops first.
     */
    public void compacting(Delivery d, List<Item.Good> mergedAway) {
        if (!mergedAway.isEmpty()) {
            merged.put(d, mergedAway);
        }
    }

    /**
     * A merged-away identify call whose merged call ended without a delivery (skipped or dead-lettered): counted as
     * compacted, its claim given back, its line finished.
     */
    public void compacted(SourceRef ref, Event call) {
        bookCompacted(ref, call.messageId());
        if (checkpoints != null) {
            checkpoints.failed(EventKeys.of(call));
            checkpoints.finished(ref.file(), ref.line());
        }
    }

    /** An event held back when the run stopped: pending like one never sent, its claim given back, its line open. */
    public void heldAtStop(SourceRef ref, Event call) {
        stats.notAttempted.increment();
        outcomes.record(ref.file(), ref.line(), ref.index(), call.messageId(), "pending", "not-attempted");
        if (checkpoints != null) {
            checkpoints.failed(EventKeys.of(call));
        }
    }

    private void bookCompacted(SourceRef ref, String messageId) {
        stats.compacted.increment();
        outcomes.record(ref.file(), ref.line(), ref.index(), messageId, "compacted", "merged-into-later-identify");
    }

    /** Ends the calls merged into {@code d}, as {@code d} ended; with a ledger, the stage of their delivery. */
    private CompletableFuture<Void> settleMerged(Delivery d, Ending ending, boolean sent) {
        List<Item.Good> calls = merged.remove(d);
        if (calls == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> recorded = new java.util.ArrayList<>();
        for (Item.Good c : calls) {
            SourceRef r = c.ref();
            if (ending == Ending.PENDING) {
                (sent ? stats.interrupted : stats.notAttempted).increment();
                outcomes.record(r.file(), r.line(), r.index(), c.event().messageId(), "pending",
                        sent ? "interrupted" : "not-attempted");
                if (checkpoints != null) {
                    checkpoints.failed(EventKeys.of(c.event()));
                }
            } else if (ending == Ending.FAILED) {
                compacted(r, c.event());
            } else {
                bookCompacted(r, c.event().messageId());
                if (checkpoints != null) {
                    recorded.add(checkpoints.delivered(EventKeys.of(c.event()))
                            .thenRun(() -> checkpoints.finished(r.file(), r.line())));
                }
            }
        }
        return CompletableFuture.allOf(recorded.toArray(new CompletableFuture<?>[0]));
    }

    private enum Ending { DELIVERED, FAILED, PENDING }

    private volatile io.cfsync.send.BulkJobs bulkJobs;

    /** With a ledger, the bulk jobs remembered there (made once, on first use); else none. */
    @Override
    public synchronized io.cfsync.send.BulkJobs bulkJobs() {
        if (bulkJobs == null) {
            bulkJobs = checkpoints == null ? io.cfsync.send.BulkJobs.NONE : checkpoints.bulkJobs();
        }
        return bulkJobs;
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
        outcomes.record(d.file(), d.line(), d.index(), d.messageId(), deliveredWord, null);
        CompletableFuture<Void> members = settleMerged(d, Ending.DELIVERED, false);
        if (checkpoints == null) {
            return members;
        }
        return checkpoints.delivered(EventKeys.of(d.messageId(), d.event()))
                .thenRun(() -> checkpoints.finished(d.file(), d.line()))
                .thenCombine(members, (a, b) -> null);
    }

    /** Books a permanent failure; the line counts as finished only once its dead letter is written. */
    @Override
    public void failed(Delivery d, Failure f) {
        // Written first: if the write fails, the event stays unfinished and the run stops.
        deadLetters.write(DeadLetter.of(f.reason(), d.file(), d.line()).detail(f.detail())
                .event(d.event(), string(d.text())).answer(f.status(), f.response()).index(d.index()).build());
        stats.deadLettered.add(f.reason());
        outcomes.record(d.file(), d.line(), d.index(), d.messageId(), "dead-lettered", f.reason());
        settleMerged(d, Ending.FAILED, false);
        if (checkpoints != null) {
            checkpoints.failed(EventKeys.of(d.messageId(), d.event()));
            checkpoints.finished(d.file(), d.line());
        }
    }

    /** A stopped run left it unsettled: not finished, so the watermark stays below it for the next run. */
    @Override
    public void pending(Delivery d, boolean sent) {
        (sent ? stats.interrupted : stats.notAttempted).increment();
        outcomes.record(d.file(), d.line(), d.index(), d.messageId(), "pending",
                sent ? "interrupted" : "not-attempted");
        settleMerged(d, Ending.PENDING, sent);
        if (checkpoints != null) {
            checkpoints.failed(EventKeys.of(d.messageId(), d.event()));
        }
    }

    /** A line or event deliberately not sent. */
    public void skipped(String file, long line, String messageId, String reason) {
        skipped(new SourceRef(file, line), messageId, reason);
    }

    /** As {@link #skipped(String, long, String, String)}, naming a batch element by its index. */
    public void skipped(SourceRef ref, String messageId, String reason) {
        if (checkpoints != null) {
            checkpoints.passed(ref.file(), ref.line());
        }
        stats.skipped.add(reason);
        outcomes.record(ref.file(), ref.line(), ref.index(), messageId, "skipped", reason);
    }

    /** A line that holds no valid event ({@code why}): its tree (if it parsed) and its text go to the dead letter. */
    public void deadLettered(Item.Bad bad, Planner.Invalid why) {
        SourceRef ref = bad.ref();
        deadLettered(ref, why.messageId(), DeadLetter.of(why.reason(), ref.file(), ref.line()).detail(why.detail())
                .event(bad.json(), bad.raw()).line(bad.raw(), bad.rawBytes()).index(ref.index()).build());
    }

    /**
     * A valid event that cannot be sent (refused by the translator, {@code why}); {@code text} is its JSON exactly
     * as read, or null to write the event again.
     */
    public void deadLettered(SourceRef ref, Event e, CharSequence text, Planner.Invalid why) {
        String raw = string(text);
        deadLettered(ref, e.messageId(), DeadLetter.of(why.reason(), ref.file(), ref.line()).detail(why.detail())
                .event(e.json(), raw).line(raw, null).index(ref.index()).build());
    }

    /** An event's text as read, decoded only now that a dead letter needs it; null stays null. */
    private static String string(CharSequence text) {
        return text == null ? null : text.toString();
    }

    private void deadLettered(SourceRef ref, String messageId, DeadLetter entry) {
        // Written first: only a line whose entry is written counts as finished; a failed write stops the run.
        deadLetters.write(entry);
        if (checkpoints != null) {
            checkpoints.passed(ref.file(), ref.line());
        }
        stats.deadLettered.add(entry.reason());
        outcomes.record(ref.file(), ref.line(), ref.index(), messageId, "dead-lettered", entry.reason());
    }
}
