package io.cfsync.send.rate;

/**
 * Hands out sending times at a given rate: locally spaced evenly ({@link EvenPermits}); a budget shared by several
 * workers replaces it with times drawn in blocks from the shared budget. Implementations are thread-safe.
 */
interface Permits {
    /**
     * Takes the next sending time.
     *
     * @param earliest  the earliest time the caller may send ({@link System#nanoTime()} based, at or after now)
     * @param perSecond the rate allowed now, or {@link Pacing#UNLIMITED}
     * @return the sending time, at or after {@code earliest}
     */
    long take(long earliest, double perSecond);
}
