package io.cfsync.state;

import java.time.Duration;
import java.time.InstantSource;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Decides whether a lease found in the ledger may be taken over, so that no clock error lets a run take a live
 * lease and none lets a dead holder block others for longer than its timeout:
 * <ul>
 *   <li>On the holder's own host (same host name, same boot and pid namespace) the process decides: the lease is
 *       live exactly while the process that took it runs (pid and kernel start time, see {@link ProcessTag}).</li>
 *   <li>From another host, clocks cannot be compared. A lease refreshed lately by this host's clock is presumed
 *       live (a wrong "live" only makes a run wait; it can never make two runs send). Otherwise (old by this
 *       clock, or dated in the future) the reader watches the lease's refresh record ({@link Lease#progress()}):
 *       any change means the holder lives; no change for the lease's timeout, measured on this process's monotonic
 *       clock, means it is gone. Neither clock's wall time takes part in that verdict.</li>
 * </ul>
 * One judge serves one attempt to take the lease. Not thread-safe.
 */
final class LeaseJudge {
    /** What to do with the lease. */
    enum Verdict {
        /** A live run holds it: leave it. */
        LIVE,
        /** Its holder is gone: take it over. */
        STALE,
        /** Not known yet: read it again in a moment. */
        WATCH
    }

    /** A verdict with the reason in words (for a takeover: the note naming the previous holder). */
    record Judgement(Verdict verdict, String why) {
    }

    private final String host;
    private final String machine;
    private final Predicate<Lease> running;
    private final InstantSource wall;
    private final LongSupplier nanoTime;
    private String watched;
    private long watchedSince;

    /**
     * @param machine  this process's boot and pid namespace ({@link ProcessTag#machine()}), or null when unknown
     * @param running  whether the process that took a lease on this host still runs
     * @param nanoTime as {@link System#nanoTime()}
     */
    LeaseJudge(String host, String machine, Predicate<Lease> running, InstantSource wall, LongSupplier nanoTime) {
        this.host = host;
        this.machine = machine;
        this.running = running;
        this.wall = wall;
        this.nanoTime = nanoTime;
    }

    /** How {@code l} looks at one glance. */
    Lease.Look look(Lease l) {
        if (onThisHost(l)) {
            return running.test(l) ? Lease.Look.RUNNING_HERE : Lease.Look.GONE_HERE;
        }
        Duration age = Duration.between(l.refreshedAt(), wall.instant());
        // A little ahead is clocks a little apart; far ahead is a clock that is wrong, whichever it is.
        boolean fresh = age.isNegative() ? age.negated().compareTo(l.refreshEvery()) <= 0
                : age.compareTo(l.timeout()) < 0;
        return fresh ? Lease.Look.FRESH : Lease.Look.IN_DOUBT;
    }

    private boolean onThisHost(Lease l) {
        if (!host.equals(l.host())) {
            return false;
        }
        return l.processTag() == null || machine == null || machine.equals(ProcessTag.machineOf(l.processTag()));
    }

    /** Judges {@code l}, as read just now; called again after a {@link Verdict#WATCH}, with the lease read again. */
    Judgement judge(Lease l) {
        long now = nanoTime.getAsLong();
        if (watched != null && !watched.equals(l.progress())) {
            return new Judgement(Verdict.LIVE, "its holder refreshed it while this run watched");
        }
        if (watched == null) {
            switch (look(l)) {
                case RUNNING_HERE -> {
                    return new Judgement(Verdict.LIVE, "that process is running on this host");
                }
                case GONE_HERE -> {
                    return new Judgement(Verdict.STALE, takeover(l) + "that process no longer runs");
                }
                case FRESH -> {
                    return new Judgement(Verdict.LIVE, "it was refreshed lately");
                }
                default -> {
                    watched = l.progress();
                    watchedSince = now;
                    return new Judgement(Verdict.WATCH, null);
                }
            }
        }
        if (now - watchedSince >= l.timeout().toNanos()) {
            return new Judgement(Verdict.STALE, takeover(l) + "this run watched it go unrefreshed for "
                    + Lease.words(l.timeout()) + ", so that run is gone");
        }
        return new Judgement(Verdict.WATCH, null);
    }

    private static String takeover(Lease l) {
        return "took over the ledger lock of " + l.describe() + ": ";
    }
}
