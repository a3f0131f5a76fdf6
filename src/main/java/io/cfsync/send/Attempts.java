package io.cfsync.send;

import io.cfsync.dest.VendorRequest;
import io.cfsync.send.rate.Pacing;
import java.util.concurrent.CompletableFuture;

/**
 * One request of a plan across all its attempts: what to send and how it went so far. Guarded by its own monitor
 * where noted; the rest is written once before the first attempt.
 */
final class Attempts {
    final VendorRequest request;
    final byte[] body;
    final boolean lookup;
    /** {@link System#nanoTime()} after which no further attempt starts ({@code --max-event-time}). */
    final long deadline;
    /** The entities of a batch request, whose answer must name each rejected one; else -1. */
    final int entities;
    /**
     * A bulk job's request: a 403 says the key may not use this endpoint, not that the credentials are wrong, so it does
     * not stop the run (the events go as single requests instead).
     */
    final boolean bulk;

    // Guarded by this.
    int sent;
    boolean onWire;
    AttemptResult last;
    CompletableFuture<AttemptResult> future;
    /** Answers the vendor gave anyone when this request's first attempt went out ({@link GiveUpClock#served}). */
    long servedBefore = -1;
    /** {@link System#nanoTime()} when the first attempt went out. */
    long firstSentAt;
    /**
     * Out of tries while the vendor served no one else, but answered its check request: the failure is this
     * request's own ({@link Blame.Fault#OWN_CHECKED}).
     */
    boolean ownPerCheck;
    /** The last attempt failed before any connection was made (refused, unknown host, connect timeout). */
    boolean unreached;
    /** What the answer to the last attempt said about pacing (status, rate headers), set when it arrived. */
    Pacing.Answer heard = Pacing.Answer.NONE;

    Attempts(VendorRequest request, byte[] body, boolean lookup, long deadline) {
        this(request, body, lookup, deadline, -1, false);
    }

    private Attempts(VendorRequest request, byte[] body, boolean lookup, long deadline, int entities,
                     boolean bulk) {
        this.bulk = bulk;
        this.request = request;
        this.body = body;
        this.lookup = lookup;
        this.deadline = deadline;
        this.entities = entities;
    }

    /** A batch request of {@code entities} entities: its 2xx answers are read by {@link io.cfsync.dest.BatchAnswer}. */
    static Attempts batch(VendorRequest request, byte[] body, int entities, long deadline) {
        return new Attempts(request, body, false, deadline, entities, false);
    }

    /** The submit of a bulk job. */
    static Attempts bulk(VendorRequest request, byte[] body, long deadline) {
        return new Attempts(request, body, false, deadline, -1, true);
    }

    /** A poll of a bulk job, or the read of its results: a 404 says the vendor no longer knows the job. */
    static Attempts bulkRead(VendorRequest request, long deadline) {
        return new Attempts(request, null, true, deadline, -1, true);
    }

    /**
     * Whether a stop may drop this request now: it is waiting for its first try or for another one. Not while an
     * attempt is on the wire, and not once an answer was final (delivered, refused, out of tries): a stop landing
     * between that answer and the completion of the future must not turn a delivered event into a pending one,
     * which the next run would send a second time.
     */
    synchronized boolean waiting() {
        return !onWire && (last == null || last.again());
    }

    synchronized int sent() {
        return sent;
    }

    synchronized boolean ownPerCheck() {
        return ownPerCheck;
    }

    /** The outcome of the last attempt that was sent, or null. */
    synchronized AttemptResult last() {
        return last;
    }
}
