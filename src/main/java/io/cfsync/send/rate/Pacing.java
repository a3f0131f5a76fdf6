package io.cfsync.send.rate;

import io.cfsync.report.RunStats;

/**
 * The one way a sender is paced: every request attempt asks for a sending time ({@link #reserve}), is admitted
 * or held back at the instant it is sent ({@link #admit}), and its answer is heard ({@link #answered}). How the
 * times are made (locally, or from a budget shared with other workers), where the ceiling comes from (the
 * {@code --rate} adapted to 429s, or one written by other workers) and the vendor's announced budget are the
 * implementation's affair; callers see only these calls. Implementations are thread-safe.
 */
public interface Pacing {
    /** A rate meaning "no limit". */
    double UNLIMITED = Double.POSITIVE_INFINITY;

    /**
     * Reserves the next sending time. A reserved time is kept even if the request then is held back: times are
     * never handed out in bursts to make up for it, and time that passes unused is not saved up.
     *
     * @param now the current {@link System#nanoTime()}
     * @return nanoseconds from {@code now} until the reserved time (0 to send at once)
     */
    long reserve(long now);

    /**
     * At the instant of sending: admits the request (it is then counted as sent) unless the hard ceiling would be
     * passed.
     *
     * @param now the current {@link System#nanoTime()}
     * @return 0 when admitted, else nanoseconds until a request could be
     */
    long admit(long now);

    /**
     * Hears the answer to a request that was admitted ({@link Answer#NONE} when none came back).
     *
     * @return true when this answer, a 429, should pause the whole destination; false otherwise
     */
    boolean answered(Answer answer);

    /** How the rate went so far: the ceiling, the rate allowed now, the lowest, the cuts. */
    RunStats.Rate figures();

    /** Lets go of whatever the pacing holds (connections, threads); the sink calls it once, when it closes. */
    default void close() {
    }

    /**
     * What an answer says about pacing.
     *
     * @param status    the HTTP status, or 0 when no answer came
     * @param remaining the {@code x-ratelimit-remaining} header, or null
     * @param reset     the {@code x-ratelimit-reset} header, or null
     */
    record Answer(int status, String remaining, String reset) {
        /** No answer came (a timeout, a connection failure). */
        public static final Answer NONE = new Answer(0, null, null);

        public boolean throttled() {
            return status == 429;
        }
    }
}
