package io.cfsync.send.rate;

import io.cfsync.report.RunStats;
import java.util.function.LongSupplier;

/**
 * The rate cf-sync allows itself below the {@code --rate} ceiling, adapted to the vendor's 429s (additive increase,
 * multiplicative decrease): answers are counted in windows of at least a second and {@value #MIN_ANSWERS} answers;
 * a window in which more than {@value #TRICKLE_PERCENT}% of the answers, and at least {@value #MIN_THROTTLED}, were
 * 429s cuts the rate to {@value #CUT_PERCENT}% of what was being sent, a cleaner window raises it by
 * {@value #STEP_PERCENT}% of the ceiling, never above it. The window after a cut is not judged: its answers are
 * mostly to requests sent before the cut. (With few answers a share means little: one 429 in ten is 10%, so a
 * vendor that throttles a steady 5% would be read as overloaded half of the time; hence the minimum counts.)
 *
 * <p>It also decides when a 429 pauses the whole destination: when 429s are more than a trickle, that is at least
 * {@value #STORM} of the last {@value #RECENT} answers. A single 429 holds only the request that got it (and its
 * user's later events), so a vendor that throttles a small share of requests no longer stalls the rest.
 *
 * <p>Fixed ({@code --no-adaptive-rate}): the rate stays at the ceiling and every 429 pauses the destination, as
 * before the rate adapted. Driven by an injected clock. Thread-safe.
 */
final class AdaptiveRate implements Ceiling {
    static final long WINDOW_NANOS = 1_000_000_000L;
    /** A window with fewer answers than {@link #MIN_ANSWERS} is judged once it is this old. */
    static final long MAX_WINDOW_NANOS = 10_000_000_000L;
    static final int MIN_ANSWERS = 20;
    static final int MIN_THROTTLED = 5;
    static final int TRICKLE_PERCENT = 10;
    static final int CUT_PERCENT = 70;
    static final int STEP_PERCENT = 5;
    /** The rate is never cut below this (or the ceiling, when that is lower). */
    static final double FLOOR = 1.0;
    static final int RECENT = 16;
    static final int STORM = 8;

    private final double ceiling;
    private final boolean adaptive;
    private final LongSupplier clock;
    private double rate;
    private double lowest;
    /** What the additive step is a share of: the ceiling, or with no ceiling the rate sent at the last cut. */
    private double stepBase;
    private long windowStart;
    private int answers;
    private int throttled;
    private int sent;
    private boolean coolingDown;
    /** The last {@link #RECENT} answers, one bit each, 1 for a 429. */
    private int recent;
    private long cuts;

    /**
     * @param ceiling  {@code --rate}, or {@link Pacing#UNLIMITED}
     * @param adaptive false for a fixed rate where every 429 pauses the destination
     * @param clock    nanoseconds, as {@link System#nanoTime()}
     */
    public AdaptiveRate(double ceiling, boolean adaptive, LongSupplier clock) {
        this.ceiling = ceiling;
        this.adaptive = adaptive;
        this.clock = clock;
        this.rate = ceiling;
        this.lowest = ceiling;
        this.stepBase = ceiling;
        this.windowStart = clock.getAsLong();
    }

    /** A request went on the wire (the sending rate a cut starts from). */
    @Override
    public synchronized void sent() {
        sent++;
    }

    /**
     * Books an answer of a request that was sent.
     *
     * @param was429 the answer was a 429
     * @return true when this 429 should pause the whole destination; false for any other answer
     */
    @Override
    public synchronized boolean answered(boolean was429) {
        if (!adaptive) {
            return was429;
        }
        answers++;
        recent = ((recent << 1) | (was429 ? 1 : 0)) & ((1 << RECENT) - 1);
        if (was429) {
            throttled++;
        }
        long now = clock.getAsLong();
        long age = now - windowStart;
        if (age >= MAX_WINDOW_NANOS || (age >= WINDOW_NANOS && answers >= MIN_ANSWERS)) {
            judge(age);
            windowStart = now;
            answers = 0;
            throttled = 0;
            sent = 0;
        }
        if (was429 && Integer.bitCount(recent) >= STORM) {
            recent = 0; // the pause answers this storm; the next one must be seen anew
            return true;
        }
        return false;
    }

    private void judge(long age) {
        if (coolingDown) {
            coolingDown = false;
            return;
        }
        if (throttled >= MIN_THROTTLED && throttled * 100L > answers * (long) TRICKLE_PERCENT) {
            double sending = sent * 1e9 / age;
            // Cut from what was really sent when that is below the allowed rate: a cut of an allowance that is not
            // used would change nothing.
            double base = sent > 0 ? Math.min(rate, sending) : rate;
            rate = Math.max(Math.min(ceiling, FLOOR), base * CUT_PERCENT / 100);
            if (ceiling == Pacing.UNLIMITED) {
                stepBase = base;
            }
            lowest = Math.min(lowest, rate);
            coolingDown = true;
            cuts++;
        } else if (rate < ceiling) {
            rate = Math.min(ceiling, rate + stepBase * STEP_PERCENT / 100);
        }
    }

    /**
     * Takes the rate a shared budget runs at (never above the ceiling): every worker on it follows one rate. A rate
     * lowered this way counts as a cut, made by the 429s of a worker on the same budget.
     */
    synchronized void follow(double shared) {
        if (adaptive) {
            double r = Math.min(ceiling, shared);
            if (r < rate * 0.999) {
                cuts++;
            }
            rate = r;
            lowest = Math.min(lowest, rate);
        }
    }

    /** Requests per second allowed now: at most the ceiling ({@link Pacing#UNLIMITED} until a first cut). */
    @Override
    public synchronized double rate() {
        return rate;
    }

    /** The lowest rate allowed so far. */
    synchronized double lowest() {
        return lowest;
    }

    /** How often the rate was cut. */
    synchronized long cuts() {
        return cuts;
    }

    /** For the progress line: {@code ", rate 320/s (lowered by 429s)"}, or empty while the rate is the ceiling. */
    String note() {
        return Pacings.note(summary());
    }

    /** How the rate went so far, for the summary and the report. */
    @Override
    public synchronized RunStats.Rate summary() {
        return new RunStats.Rate(ceiling, adaptive, rate, lowest, cuts);
    }

    double ceiling() {
        return ceiling;
    }

    boolean adaptive() {
        return adaptive;
    }
}
