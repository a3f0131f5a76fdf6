package io.cfsync.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The vendor's seeded schedule of transient faults. Whether a request meets a fault depends only on the seed, the
 * request's identity (the events it carries) and how many times that identity was seen before, never on timing,
 * so the same corpus and seed give the same faults whatever the thread interleaving. A request seen more than
 * {@link #faultyAttempts} times is always answered normally: retries are never exhausted by the schedule alone,
 * so any {@code retries-exhausted} dead letter is a finding. Dropping a connection before reading is decided per
 * connection from the same seed (the request is unknown then). Thread-safe.
 *
 * @param seed            the seed of every draw
 * @param serverError     probability of a 503
 * @param throttle        probability of a 429 with {@code Retry-After: 1}
 * @param reset           probability of resetting the connection after reading the request (the response is lost,
 *                        the vendor processed it)
 * @param hang            probability of never answering (the client times out; the vendor processed it)
 * @param dropBeforeRead  probability, per request read, of closing the connection after its first byte (the vendor
 *                        never saw it)
 * @param faultyAttempts  how many sightings of one request may meet a fault
 * @param delayMillis     pause before every answer, so stops land while requests are in flight
 */
record FaultPlan(long seed, double serverError, double throttle, double reset, double hang, double dropBeforeRead,
                 int faultyAttempts, int delayMillis) {
    /** What the vendor does with one request. */
    enum Answer {
        OK(true), SERVER_ERROR(false), THROTTLE(false), RESET_AFTER_READ(true), HANG(true), UNAUTHORIZED(false),
        REJECTED(false), OUTAGE(false),
        /** A batch: the vendor took all but its rejected events and said so in a 207 no one can read. */
        GARBLED_207(true),
        /** A batch: the same, said in a 200 whose errors name no entity. */
        GARBLED_200(true),
        /** A batch: the vendor took all but its rejected events and named those by index in a 207. */
        PARTIAL_207(true);

        /** The vendor processed the request (whether or not the client hears about it). */
        final boolean processed;

        Answer(boolean processed) {
            this.processed = processed;
        }

        /** The client does not learn the request was processed (an answer it cannot read tells it nothing). */
        boolean lostResponse() {
            return this == RESET_AFTER_READ || this == HANG || this == GARBLED_207 || this == GARBLED_200;
        }

        /** The vendor processed the request's events except those it rejects ({@link Corpus#rejects}). */
        boolean partial() {
            return this == GARBLED_207 || this == GARBLED_200 || this == PARTIAL_207;
        }

        /** Whether the vendor processed {@code mid}, one event of a request answered this way. */
        boolean processed(String mid) {
            return processed && !(partial() && mid != null && Corpus.rejects(mid));
        }
    }

    /** No faults at all: every request answered 200 at once. */
    static FaultPlan none(long seed) {
        return new FaultPlan(seed, 0, 0, 0, 0, 0, 0, 0);
    }

    /** A mix of every transient fault, 6% of requests in all: each costs its user a second or more. */
    static FaultPlan mixed(long seed, int delayMillis) {
        return new FaultPlan(seed, 0.02, 0.005, 0.015, 0.01, 0.01, 2, delayMillis);
    }

    FaultPlan withDelay(int millis) {
        return new FaultPlan(seed, serverError, throttle, reset, hang, dropBeforeRead, faultyAttempts, millis);
    }

    /** Remembers how often each request identity was seen; bounded by the corpus size. */
    static final class Sightings {
        private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        private final AtomicInteger connections = new AtomicInteger();

        int next(String identity) {
            return seen.computeIfAbsent(identity, k -> new AtomicInteger()).incrementAndGet();
        }

        int nextConnectionDraw() {
            return connections.incrementAndGet();
        }
    }

    /** The transient answer for the {@code sighting}-th time (from 1) the request {@code identity} was read. */
    Answer decide(String identity, int sighting) {
        if (sighting > faultyAttempts) {
            return Answer.OK;
        }
        double u = unit(identity.hashCode() * 31L + sighting);
        double edge = serverError;
        if (u < edge) {
            return Answer.SERVER_ERROR;
        }
        if (u < (edge += throttle)) {
            return Answer.THROTTLE;
        }
        if (u < (edge += reset)) {
            return Answer.RESET_AFTER_READ;
        }
        return u < edge + hang ? Answer.HANG : Answer.OK;
    }

    /** Whether the {@code draw}-th request read should have its connection dropped before the rest is read. */
    boolean drop(int draw) {
        return dropBeforeRead > 0 && unit(0x5bd1e995L * draw + 7) < dropBeforeRead;
    }

    /** A uniform draw in [0, 1) from the seed and {@code salt} (SplitMix64). */
    private double unit(long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
