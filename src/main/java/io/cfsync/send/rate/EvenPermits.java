package io.cfsync.send.rate;

/**
 * Sending times spaced evenly at the rate asked for, each gap {@link #RATE_SLACK} wider so that ordinary scheduling
 * delays rarely meet the hard ceiling ({@link SendWindow}). Time that passes unused is not saved up for a burst.
 * Local to one process. Thread-safe.
 */
final class EvenPermits implements Permits {
    /**
     * Slack in the spacing, so that ordinary scheduling delays rarely meet the hard {@link SendWindow}: 1% leaves
     * about 10 ms of delay per window before a request waits, and keeps the rate within 1% of {@code --rate}.
     */
    static final double RATE_SLACK = 1.01;

    private long next;
    private boolean started;

    @Override
    public synchronized long take(long earliest, double perSecond) {
        long slot = started && next - earliest > 0 ? next : earliest;
        started = true;
        next = slot + spacing(perSecond);
        return slot;
    }

    /** Nanoseconds between two requests at {@code perSecond}, slack included; 0 when unlimited. */
    static long spacing(double perSecond) {
        return perSecond == Pacing.UNLIMITED ? 0 : (long) Math.ceil(1e9 / perSecond * RATE_SLACK);
    }
}
