package io.cfsync.send.rate;

import io.cfsync.report.RunStats;

/**
 * Where the rate allowed now comes from: locally the {@code --rate} ceiling adapted to the vendor's 429s
 * ({@link AdaptiveRate}); a budget shared by several workers replaces it with a ceiling that any of them may lower
 * or raise. Implementations are thread-safe.
 */
interface Ceiling {
    /** Requests per second allowed now, or {@link Pacing#UNLIMITED}. */
    double rate();

    /** A request went on the wire. */
    void sent();

    /**
     * Books an answer of a request that was sent.
     *
     * @param was429 the answer was a 429
     * @return true when this 429 should pause the whole destination
     */
    boolean answered(boolean was429);

    /** How the rate went so far. */
    RunStats.Rate summary();
}
