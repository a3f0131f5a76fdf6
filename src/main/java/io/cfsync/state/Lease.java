package io.cfsync.state;

import java.time.Duration;
import java.time.Instant;

/**
 * The overlap lock of a ledger, held as a lease. Its holder refreshes it every {@link #refreshEvery()}, adding one
 * to {@link #beat()} each time. Whether it may be taken over is never read off a clock alone (see
 * {@link LeaseJudge}): on the holder's own host it lives exactly as long as the holding process; from another host
 * it is stale once a reader has watched it go unrefreshed for {@link #timeout()} on the reader's own monotonic
 * clock. The instants are the holder's wall clock, shown to people and used only as a hint. Immutable.
 *
 * @param holder      the process that holds it
 * @param refreshedAt when the holder last refreshed the lease, by the holder's clock
 * @param beat        how many times the holder refreshed it
 * @param timeout     how long the holder may go without refreshing before another host takes over
 */
public record Lease(String runId, Holder holder, Instant startedAt, Instant refreshedAt, long beat,
                    Duration timeout) {
    /**
     * The process that holds a lease.
     *
     * @param processStart when it started, as its host's wall clock put it, or null
     * @param processTag   the process as its kernel names it ({@link ProcessTag}), or null where unknown
     */
    record Holder(long pid, String host, String processStart, String processTag) {
    }

    public long pid() {
        return holder.pid();
    }

    public String host() {
        return holder.host();
    }

    public String processStart() {
        return holder.processStart();
    }

    public String processTag() {
        return holder.processTag();
    }

    /** How long a lease lives without a refresh, unless the run says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** Bounds of {@code --lease-timeout}: several refreshes must fit in it, and a reader may watch it whole. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** Refreshes per timeout: a holder may miss several (a slow disk, a long pause) and keep its lease. */
    static final int REFRESHES_PER_TIMEOUT = 8;

    /** How often the holder refreshes it. */
    public Duration refreshEvery() {
        return timeout.dividedBy(REFRESHES_PER_TIMEOUT);
    }

    /** When the lease goes stale by the holder's own clock unless refreshed before: for people, not a verdict. */
    public Instant staleAt() {
        return refreshedAt.plus(timeout);
    }

    /** What changes at every refresh: a reader that sees it change knows the holder is alive. */
    String progress() {
        return runId + "#" + beat + "@" + refreshedAt;
    }

    /** The holder in words: {@code pid 12 on host h (run started 2026-03-05 14:02 UTC, lease last refreshed …)}. */
    public String describe() {
        return "pid " + pid() + " on host " + host() + " (run started " + wall(startedAt) + ", lease last refreshed "
                + wall(refreshedAt) + ")";
    }

    /** An instant to the minute in UTC, as cf-sync status shows times: the same words in both places. */
    static String wall(Instant t) {
        return t == null ? "unknown" : WALL.format(t);
    }

    private static final java.time.format.DateTimeFormatter WALL = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /** {@code 2m}, {@code 90s}, {@code 1h}: a timeout as the option takes it. */
    static String words(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** How a lease looks to a reader at one glance, before any watching. */
    public enum Look {
        /** Held by a process of this host that is running: never taken over. */
        RUNNING_HERE,
        /** Held by a process of this host that is gone: the next run takes it over at once. */
        GONE_HERE,
        /** Another host's, refreshed lately by this host's clock: presumed live. */
        FRESH,
        /** Another host's, not refreshed for longer than its timeout by this host's clock, or dated in the future
         * (one of the clocks is off): the next run watches whether it is refreshed and takes it over if not. */
        IN_DOUBT
    }
}
