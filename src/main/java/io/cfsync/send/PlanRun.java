package io.cfsync.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.PathSegment;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Runs one event's plan, step by step, each only after the one before succeeded ({@link When} semantics):
 * {@code LOOKUP} runs while nothing was found, a 200 with an id at its pointer means found, 404 means not found;
 * {@code IF_FOUND} runs only when found, with {@code {found.id}} in its URL replaced by the percent-encoded id;
 * {@code IF_NOT_FOUND} runs only when every lookup said not found. A failed step ends the plan: later steps are
 * not sent, except that a first 409 on an {@code IF_NOT_FOUND} step (the record was created since the lookups)
 * runs the lookups again, once, and the plan goes on from there. Reports the event exactly once. Confined to one
 * step at a time, so needs no locking.
 */
final class PlanRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Delivery delivery;
    private final List<byte[]> bodies;
    private final Resilience resilience;
    private final Executor executor;
    private final Verdict.Book book;
    private final long deadline;
    private int index;
    private String foundId;
    private boolean anySent;
    /** Whether a 409 on an {@code IF_NOT_FOUND} step already sent the plan back to its lookups (once only). */
    private boolean lookedAgain;
    private volatile boolean starting;
    private Runnable done;

    /**
     * @param bodies   the serialized body of each step (null entries for none), prepared by the reading thread
     * @param deadline {@link System#nanoTime()} after which no attempt starts
     */
    PlanRun(Delivery delivery, List<byte[]> bodies, Resilience resilience, Executor executor, Verdict.Book book,
            long deadline) {
        this.delivery = delivery;
        this.bodies = bodies;
        this.resilience = resilience;
        this.executor = executor;
        this.book = book;
        this.deadline = deadline;
    }

    /** Starts the plan; {@code whenDone} runs once the event was reported, never on the calling thread. */
    void start(Runnable whenDone) {
        this.done = whenDone;
        starting = true;
        next();
        starting = false;
    }

    private void next() {
        List<VendorRequest> steps = delivery.requests();
        while (index < steps.size()) {
            int i = index++;
            VendorRequest r = steps.get(i);
            if (!runs(r.when())) {
                continue;
            }
            if (r.when() == When.IF_FOUND) {
                r = r.withUrl(r.url().replace(When.FOUND_ID, PathSegment.encode(foundId)));
            }
            Attempts a = new Attempts(r, bodies.get(i), r.when() == When.LOOKUP, deadline);
            resilience.send(a).thenAccept(o -> stepDone(a, o));
            return;
        }
        Runnable r = () -> {
            // The plan's slot is freed when the stage completes (e.g. once the ledger committed the delivery).
            java.util.concurrent.CompletableFuture<Void> recorded = book.book(delivery, Verdict.DELIVERED);
            if (recorded.isDone()) {
                done.run();
            } else {
                recorded.whenCompleteAsync((v, e) -> done.run(), executor); // off the ledger's writer thread
            }
        };
        if (starting) {
            executor.execute(r);
        } else {
            r.run();
        }
    }

    private boolean runs(When when) {
        switch (when) {
            case LOOKUP:
            case IF_NOT_FOUND:
                return foundId == null;
            case IF_FOUND:
                return foundId != null;
            default:
                return true;
        }
    }

    private void stepDone(Attempts a, AttemptResult o) {
        anySent |= a.sent() > 0;
        switch (o.kind()) {
            case OK:
                if (a.lookup) {
                    foundId = foundId(a.request, o.body());
                    if (foundId == null) {
                        Failure f = new Failure("lookup-no-id", a.request.method() + " " + a.request.url()
                                + ": answered " + o.status() + " without an id at " + a.request.foundIdPointer(),
                                o.status(), null);
                        end(Verdict.failed(f));
                        return;
                    }
                }
                next();
                return;
            case NOT_FOUND:
                next();
                return;
            default:
                if (conflictOnCreate(a, o)) {
                    // The record appeared since the lookups (another writer): find it again and update it.
                    lookedAgain = true;
                    index = firstLookup();
                    next();
                    return;
                }
                if (interruptedByStop(o)) {
                    // Not a verdict on this event: the next run sends it (again, if part of it went out).
                    end(Verdict.pending(anySent));
                    return;
                }
                end(Verdict.failed(failure(a, o, resilience.maxAttempts())));
        }
    }

    /** A first 409 answering an {@code IF_NOT_FOUND} step, in a plan that has lookups to run again. */
    private boolean conflictOnCreate(Attempts a, AttemptResult o) {
        return o.kind() == AttemptResult.Kind.PERMANENT && o.status() == 409 && a.request.when() == When.IF_NOT_FOUND
                && !lookedAgain && firstLookup() < index;
    }

    private int firstLookup() {
        List<VendorRequest> steps = delivery.requests();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).when() == When.LOOKUP) {
                return i;
            }
        }
        return steps.size();
    }

    /**
     * Whether {@code o} ended a request only because the run is stopping: a stop while the request waited (or was
     * held, or ran out of time), an answer that would have been retried, or the 401/403 that stopped the run.
     * Only a permanent answer (e.g. 400) is a verdict even while stopping. Shared with batches.
     */
    static boolean interruptedByStop(AttemptResult o, boolean stopping) {
        switch (o.kind()) {
            case STOPPED:
            case REFUSED:
                return true;
            case RETRYABLE:
            case HELD:
            case EXPIRED:
                return stopping;
            default:
                return false;
        }
    }

    private boolean interruptedByStop(AttemptResult o) {
        return interruptedByStop(o, resilience.stopping());
    }

    /** Why a request of an event was given up, after its last attempt. Shared with batches. */
    static Failure failure(Attempts a, AttemptResult o, int maxAttempts) {
        String step = a.request.method() + " " + a.request.url();
        AttemptResult last = a.last() != null ? a.last() : o;
        switch (o.kind()) {
            case RETRYABLE:
                // Still worth another try (the vendor answered no one) or tries left: the event's time ran out.
                if (o.again() || a.sent() < maxAttempts) {
                    return expired(step, a, last);
                }
                String tries = io.cfsync.report.Plural.count(a.sent(), "attempt");
                if (Classifier.UNREADABLE.equals(last.problem())) {
                    return new Failure(Classifier.UNREADABLE, step + ": answered " + last.status() + " after "
                            + tries + " without naming each rejected entity (" + last.detail() + ")",
                            last.status(), last.excerpt());
                }
                return new Failure("retries-exhausted", step + ": gave up after " + tries + "; last: "
                        + last.describe() + (a.ownPerCheck() ? "; " + Resilience.CHECKED : ""), last.status(),
                        last.excerpt());
            case HELD:
            case EXPIRED:
                return expired(step, a, a.last());
            default:
                return new Failure(o.status() != 0 ? "http-" + o.status() : o.problem(), step + ": " + o.describe(),
                        o.status(), o.excerpt());
        }
    }

    private static Failure expired(String step, Attempts a, AttemptResult last) {
        return new Failure("max-event-time", step + ": --max-event-time used up after "
                + io.cfsync.report.Plural.count(a.sent(), "attempt")
                + (last == null ? "" : "; last: " + last.describe()), last == null ? 0 : last.status(),
                last == null ? null : last.excerpt());
    }

    /** Reports the event, then frees its lane; off the caller's stack when that is the lane itself. */
    private void end(Verdict v) {
        Runnable r = () -> {
            try {
                book.book(delivery, v);
            } finally {
                done.run();
            }
        };
        if (starting) {
            executor.execute(r);
        } else {
            r.run();
        }
    }

    private static String foundId(VendorRequest r, byte[] body) {
        if (body == null || body.length == 0 || r.foundIdPointer() == null) {
            return null;
        }
        try {
            JsonNode id = MAPPER.readTree(body).at(r.foundIdPointer());
            return id.isValueNode() && !id.asText().isEmpty() ? id.asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
