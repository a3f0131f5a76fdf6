package io.cfsync.send;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whose fault it is when a request has used up its tries on 5xx answers, timeouts or failed connections: the
 * request's own (its event is dead-lettered) or the whole vendor's (an outage: the request keeps waiting, and
 * {@code --give-up-after} ends the run with its event pending). In this order:
 * <ol>
 *   <li>an answer settled someone's request since the request's first attempt: the vendor serves others, so the
 *       failure is the request's own ({@link Fault#OWN});</li>
 *   <li>else the vendor answered its check request ({@link HealthProbe}) after the request's first attempt, and no
 *       other request was blamed this way since the last answer that settled a request: its own again
 *       ({@link Fault#OWN_CHECKED}), typically the last event of a run, alone, which the vendor always fails;</li>
 *   <li>else the vendor's ({@link Fault#VENDOR}).</li>
 * </ol>
 * The second half of rule 2 bounds what a check request that works while every event fails (a vendor whose reads
 * are up and writes down) can cost: one event dead-lettered, not every event of the run; a second request failing
 * alone with nothing settled since is an outage. Thread-safe.
 */
final class Blame {
    /** Whose fault the used-up tries are. */
    enum Fault {
        /** The request's: the vendor settled other requests meanwhile. */
        OWN,
        /** The request's: the vendor served no one else, but answered its check request. */
        OWN_CHECKED,
        /** The vendor's: it answered no one, its check request included. */
        VENDOR
    }

    private final GiveUpClock clock;
    private final HealthProbe probe;
    /** {@link GiveUpClock#served()} when a request was last blamed on the strength of the check request, or -1. */
    private final AtomicLong servedAtLastChecked = new AtomicLong(-1);

    Blame(GiveUpClock clock, HealthProbe probe) {
        this.clock = clock;
        this.probe = probe;
    }

    /**
     * Judges a request out of tries whose last answer was server trouble.
     *
     * @param servedBefore {@link GiveUpClock#served()} when its first attempt went out
     * @param firstSentAt  {@link System#nanoTime()} of its first attempt
     * @return the verdict; never fails
     */
    CompletableFuture<Fault> judge(long servedBefore, long firstSentAt) {
        long served = clock.served();
        if (served != servedBefore) {
            return CompletableFuture.completedFuture(Fault.OWN);
        }
        long last = servedAtLastChecked.get();
        if (last == served) {
            return CompletableFuture.completedFuture(Fault.VENDOR);
        }
        return probe.answeredSince(firstSentAt).thenApply(answered -> clock.served() != servedBefore ? Fault.OWN
                : answered && servedAtLastChecked.compareAndSet(last, served) ? Fault.OWN_CHECKED : Fault.VENDOR);
    }
}
