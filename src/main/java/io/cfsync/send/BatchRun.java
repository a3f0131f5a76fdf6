package io.cfsync.send;

import io.cfsync.dest.BatchAnswer;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.VendorRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends one batch and books each of its events: a readable 2xx delivers all of them, except the entities it names
 * by {@code batch_index} (those are dead-lettered with the vendor's reason); a 2xx that does not name each rejected
 * entity unambiguously ({@link BatchAnswer}) is a lost answer: the batch is retried with its ids, then its events
 * are dead-lettered as {@code unreadable-response}; a 400 for the whole batch splits it into halves sent one after
 * the other, down to the single bad entity; 429, 5xx and network failures are retried as a whole by the policies;
 * anything else fails every event of the batch. Each event is reported exactly once.
 */
final class BatchRun {
    private final BatchSpec spec;
    private final Resilience resilience;
    private final Executor executor;
    private final Verdict.Book book;
    private final long deadline;

    BatchRun(BatchSpec spec, Resilience resilience, Executor executor, Verdict.Book book, long deadline) {
        this.spec = spec;
        this.resilience = resilience;
        this.executor = executor;
        this.book = book;
        this.deadline = deadline;
    }

    /** Sends {@code batch}; {@code whenDone} runs after every event of it was reported, never on this stack. */
    void start(BatchPacker.Batch batch, Runnable whenDone) {
        VendorRequest r = spec.request();
        Attempts a = Attempts.batch(r, batch.body(spec.field()), batch.size(), deadline);
        resilience.send(a).thenAcceptAsync(o -> settle(batch, a, o, whenDone), executor);
    }

    private void settle(BatchPacker.Batch batch, Attempts a, AttemptResult o, Runnable whenDone) {
        try {
            switch (o.kind()) {
                case OK:
                    delivered(batch, o, whenDone);
                    return;
                case PERMANENT:
                    if (o.status() == 400 && batch.size() > 1) {
                        int half = batch.size() / 2;
                        BatchPacker.Batch second = batch.tail(half);
                        start(batch.head(half), () -> start(second, whenDone));
                        return;
                    }
                    failAll(batch, PlanRun.failure(a, o, resilience.maxAttempts()));
                    break;
                default:
                    if (PlanRun.interruptedByStop(o, resilience.stopping())) {
                        // Not a verdict: the whole batch waits for the next run (its ids let the vendor dedupe).
                        Verdict pending = Verdict.pending(a.sent() > 0);
                        batch.deliveries().forEach(d -> book.book(d, pending));
                    } else {
                        failAll(batch, PlanRun.failure(a, o, resilience.maxAttempts()));
                    }
            }
        } catch (RuntimeException e) {
            whenDone.run();
            throw e;
        }
        whenDone.run();
    }

    /**
     * A readable 2xx (the wire classifies the others as unreadable): every event delivered but those the answer
     * names; {@code whenDone} runs once all are recorded.
     */
    private void delivered(BatchPacker.Batch batch, AttemptResult o, Runnable whenDone) {
        Map<Integer, String> rejected = BatchAnswer.read(o.status(), o.body(), batch.size()).rejected();
        List<CompletableFuture<Void>> recorded = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Delivery d = batch.deliveries().get(i);
            String why = rejected.get(i);
            if (why == null) {
                recorded.add(book.book(d, Verdict.DELIVERED));
            } else {
                book.book(d, Verdict.failed(new Failure("vendor-rejected", why, o.status(), null)));
            }
        }
        CompletableFuture.allOf(recorded.toArray(new CompletableFuture<?>[0]))
                .whenCompleteAsync((v, e) -> whenDone.run(), executor);
    }

    private void failAll(BatchPacker.Batch batch, Failure f) {
        for (Delivery d : batch.deliveries()) {
            book.book(d, Verdict.failed(f));
        }
    }
}
