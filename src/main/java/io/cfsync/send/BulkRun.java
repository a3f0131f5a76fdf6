package io.cfsync.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.BulkAnswer;
import io.cfsync.dest.BulkSpec;
import io.cfsync.dest.VendorRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one bulk job and books each of its events once: submit (remembered in {@link BulkJobs} as soon as the
 * vendor names the job), poll with backoff until complete, read the per-item results. An item created or updated
 * is delivered; an item the vendor rejected is dead-lettered with its words; any other item (the customer exists,
 * the vendor failed on it, the results do not name it) is sent as its own plan. Every request pays the same
 * budget through {@link Resilience}. A job that is lost — the vendor no longer knows it, its answers cannot be
 * read, or it is still not complete when {@code --max-event-time} runs out — is submitted once more, then its
 * events are dead-lettered. A 403 on the submit (a key without the bulk role) sends every event as its own plan,
 * and so do all later jobs of the run. A stop leaves the events pending, and the job remembered, for the next run.
 * Steps run one at a time, so the fields need no locking beyond their visibility between threads.
 */
final class BulkRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long FIRST_POLL = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long LONGEST_POLL = TimeUnit.SECONDS.toNanos(8);
    private static final long TICK = TimeUnit.SECONDS.toNanos(1);

    /** What a sink shares between its jobs. */
    record Context(BulkSpec spec, Resilience resilience, ScheduledExecutorService executor, BulkJobs jobs,
                   BulkSeen seen, long eventNanos) {
    }

    private final Context c;
    /** Where this job's events are settled. */
    private final Verdict.Book book;
    private final BulkPack pack;
    private final List<CompletableFuture<Void>> settled = new ArrayList<>();
    private volatile long deadline;
    private volatile boolean resubmitted;
    /** Polls of the current submit that found the job not complete: the wait before the next one doubles. */
    private volatile int polls;
    /** When the current job was submitted ({@link System#nanoTime()}), or 0 for a job an earlier run submitted. */
    private volatile long submittedAt;
    private Runnable done;

    BulkRun(Context c, Verdict.Book book, BulkPack pack) {
        this.c = c;
        this.book = book;
        this.pack = pack;
    }

    /** Starts the job; {@code whenDone} runs once every event of it was reported, never on this stack. */
    void start(Runnable whenDone) {
        this.done = whenDone;
        deadline = System.nanoTime() + c.eventNanos();
        c.executor().execute(() -> {
            if (c.seen().forbidden()) {
                alone(pack.deliveries());
                finish();
            } else if (pack.job() != null) {
                poll(pack.job(), 0);
            } else {
                submit();
            }
        });
    }

    private void submit() {
        VendorRequest r = c.spec().submit(pack.items(), pack.refs());
        Attempts a = Attempts.bulk(r, bytes(r), deadline);
        c.resilience().send(a).thenAcceptAsync(o -> guarded(() -> submitted(a, o)), c.executor());
    }

    private void submitted(Attempts a, AttemptResult o) {
        if (o.kind() == AttemptResult.Kind.OK) {
            String id = c.spec().jobId(o.body());
            if (id == null) {
                lost("the answer to the submit names no job id");
                return;
            }
            c.jobs().submitted(pack.deliveries(), id);
            submittedAt = System.nanoTime();
            poll(id, c.seen().firstPoll(FIRST_POLL, LONGEST_POLL));
        } else if (o.kind() == AttemptResult.Kind.PERMANENT) {
            if (o.status() == 403) {
                c.seen().forbidden(a.request.url());
            }
            // The vendor refused the request as a whole: each event's own plan gets its own answer.
            alone(pack.deliveries());
            finish();
        } else if (PlanRun.interruptedByStop(o, c.resilience().stopping())) {
            pendingAll(a.sent() > 0);
        } else {
            failAll(PlanRun.failure(a, o, c.resilience().maxAttempts()));
        }
    }

    /** Polls job {@code id} after {@code wait}, in short ticks so that a stop is not held up by the wait. */
    private void poll(String id, long wait) {
        if (c.resilience().stopping()) {
            pendingAll(true);
            return;
        }
        if (wait > 0) {
            long step = Math.min(wait, TICK);
            c.executor().schedule(() -> guarded(() -> poll(id, wait - step)), step, TimeUnit.NANOSECONDS);
            return;
        }
        Attempts a = Attempts.bulkRead(c.spec().poll(id), deadline);
        c.resilience().send(a).thenAcceptAsync(o -> guarded(() -> polled(id, a, o)), c.executor());
    }

    private void polled(String id, Attempts a, AttemptResult o) {
        switch (o.kind()) {
            case OK:
                BulkSpec.State s = c.spec().state(o.body());
                if (s == BulkSpec.State.COMPLETE) {
                    if (submittedAt != 0) {
                        c.seen().completedAfter(System.nanoTime() - submittedAt);
                    }
                    results(id);
                } else if (s == BulkSpec.State.UNREADABLE) {
                    lost("the answer about job " + id + " names no state");
                } else {
                    long next = Math.min(LONGEST_POLL, FIRST_POLL << Math.min(++polls, 5));
                    if (System.nanoTime() + next - deadline > 0) {
                        lost("job " + id + " still " + s.name().toLowerCase(java.util.Locale.ROOT)
                                + " when --max-event-time ran out");
                    } else {
                        poll(id, next);
                    }
                }
                return;
            case NOT_FOUND:
                lost("the vendor no longer knows job " + id);
                return;
            default:
                if (forbidden(a, o)) {
                    return;
                }
                if (PlanRun.interruptedByStop(o, c.resilience().stopping())) {
                    pendingAll(true);
                } else {
                    lost("polling job " + id + ": " + o.describe());
                }
        }
    }

    private void results(String id) {
        Attempts a = Attempts.bulkRead(c.spec().results(id), deadline);
        c.resilience().send(a).thenAcceptAsync(o -> guarded(() -> read(id, a, o)), c.executor());
    }

    private void read(String id, Attempts a, AttemptResult o) {
        if (o.kind() != AttemptResult.Kind.OK) {
            if (forbidden(a, o)) {
                return;
            }
            if (o.kind() != AttemptResult.Kind.NOT_FOUND && PlanRun.interruptedByStop(o, c.resilience().stopping())) {
                pendingAll(true);
            } else {
                lost("reading the results of job " + id + ": " + o.describe());
            }
            return;
        }
        BulkAnswer answer = c.spec().answer(o.body(), pack.refs());
        c.jobs().forget(pack.deliveries());
        List<Delivery> again = new ArrayList<>();
        for (int i = 0; i < pack.size(); i++) {
            Delivery d = pack.deliveries().get(i);
            BulkAnswer.Item item = answer.of(pack.refs().get(i));
            switch (item.kind()) {
                case DONE -> settled.add(book.book(d, Verdict.DELIVERED));
                case REJECTED -> book.book(d, Verdict.failed(new Failure("vendor-rejected",
                        a.request.method() + " " + a.request.url() + ": item " + pack.refs().get(i) + ": "
                                + shortened(item.words()), o.status(), null)));
                default -> again.add(d);
            }
        }
        alone(again);
        finish();
    }

    /**
     * A 403 to a poll or a read of the results: the key may create customers but not read bulk jobs (a role of its
     * own). The job's customers go as their own plans, whose lookups find any the job created and update them.
     */
    private boolean forbidden(Attempts a, AttemptResult o) {
        if (o.kind() != AttemptResult.Kind.PERMANENT || o.status() != 403) {
            return false;
        }
        c.seen().forbidden(a.request.url());
        c.jobs().forget(pack.deliveries());
        alone(pack.deliveries());
        finish();
        return true;
    }

    /**
     * The job is gone or cannot be trusted: submitted once more, with a fresh deadline, then dead-lettered. Items
     * it may have created are safe to send again: a customer that exists comes back as an item error that sends
     * the event through its own plan, which updates it.
     */
    private void lost(String why) {
        c.jobs().forget(pack.deliveries());
        if (resubmitted) {
            failAll(new Failure("bulk-job-lost", why + ", after submitting the job a second time", 0, null));
            return;
        }
        resubmitted = true;
        polls = 0;
        deadline = System.nanoTime() + c.eventNanos();
        submit();
    }

    /** Each of {@code ds} runs as its own plan; each is booked by that plan. */
    private void alone(List<Delivery> ds) {
        for (Delivery d : ds) {
            CompletableFuture<Void> planDone = new CompletableFuture<>();
            settled.add(planDone);
            new PlanRun(d, bodies(d), c.resilience(), c.executor(), book, deadline).start(() ->
                    planDone.complete(null));
        }
    }

    private void pendingAll(boolean sent) {
        pack.deliveries().forEach(d -> book.book(d, Verdict.pending(sent)));
        finish();
    }

    private void failAll(Failure f) {
        pack.deliveries().forEach(d -> book.book(d, Verdict.failed(f)));
        finish();
    }

    /** Frees the lane once every verdict is recorded and every plan sent alone has ended. */
    private void finish() {
        CompletableFuture.allOf(settled.toArray(new CompletableFuture<?>[0]))
                .whenCompleteAsync((v, e) -> done.run(), c.executor());
    }

    /** A step that throws must not leave the lane taken forever: its events stay pending for the next run. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            pendingAll(true);
            throw e;
        }
    }

    /** The vendor's words about one item, cut like any response excerpt: a dead letter is not a dump. */
    private static String shortened(String words) {
        return words.length() <= Classifier.EXCERPT_CHARS ? words
                : words.substring(0, Classifier.EXCERPT_CHARS) + "…";
    }

    private static byte[] bytes(VendorRequest r) {
        try {
            return MAPPER.writeValueAsBytes(r.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a bulk request", e);
        }
    }

    private static List<byte[]> bodies(Delivery d) {
        List<byte[]> out = new ArrayList<>(d.requests().size());
        for (VendorRequest r : d.requests()) {
            out.add(r.body() == null ? null : bytes(r));
        }
        return out;
    }
}
