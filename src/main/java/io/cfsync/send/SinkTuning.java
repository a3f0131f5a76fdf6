package io.cfsync.send;

import io.cfsync.send.rate.SharedRate;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP sink sends: pacing, parallelism, patience. Immutable.
 *
 * @param rate        requests per second, already resolved (the user's or the destination's default; see
 *                    {@link #rate(Double, double)}); {@link #UNLIMITED} means no limit
 * @param concurrency requests in flight at most (users run in parallel, one request per user at a time)
 * @param maxRetries  retries after the first attempt of one request (0 = try once)
 * @param timeouts    how long to wait for a connection, an answer, and one event in all
 * @param giveUpAfter how long the vendor may keep failing, with no healthy answer, before the run is aborted
 * @param userAgent   the {@code User-Agent} header
 * @param adaptiveRate below {@code rate}, adapt the rate to the vendor's 429s, and pause the whole destination only
 *                    when 429s are more than a trickle; false keeps the rate fixed and pauses on every 429
 * @param shared      the budget this worker shares with others ({@code --shared-rate}), or null to pace alone
 */
public record SinkTuning(double rate, int concurrency, int maxRetries, Timeouts timeouts, Duration giveUpAfter,
                          String userAgent, boolean adaptiveRate, Network network, SharedRate shared) {
    /** The {@link #rate} meaning "no limit". */
    public static final double UNLIMITED = io.cfsync.send.rate.Pacing.UNLIMITED;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_MAX_RETRIES = 4;
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(5);

    /**
     * The waits of one request and one event.
     *
     * @param connect  time to open a connection
     * @param response time to wait for a response once the request is sent
     * @param event    total time one event may take, retries and waits included, before it is given up
     */
    public record Timeouts(Duration connect, Duration response, Duration event) {
        public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(15));

        public Timeouts {
            Objects.requireNonNull(connect);
            Objects.requireNonNull(response);
            Objects.requireNonNull(event);
        }
    }

    public SinkTuning {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive (or unlimited)");
        }
        if (concurrency < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 and retries not negative");
        }
        Objects.requireNonNull(timeouts);
        Objects.requireNonNull(giveUpAfter);
        Objects.requireNonNull(userAgent);
        Objects.requireNonNull(network);
        if (shared != null && rate == UNLIMITED) {
            throw new IllegalArgumentException("a shared budget needs a rate: it cannot share 'unlimited'");
        }
    }

    public SinkTuning withNetwork(Network n) {
        return new SinkTuning(rate, concurrency, maxRetries, timeouts, giveUpAfter, userAgent, adaptiveRate, n,
                shared);
    }

    /**
     * The one place the rate is resolved: what the user asked for, else the destination's default.
     *
     * @param asked requests per second asked for, {@link #UNLIMITED}, or null for the destination's default
     */
    public static double rate(Double asked, double destinationDefault) {
        return asked == null ? destinationDefault : asked;
    }

    /**
     * The defaults at {@code rate}: direct connections, the adaptive rate on, pacing alone. The {@code with…}
     * methods name every other part, so no caller lists nine of them by position.
     */
    public static SinkTuning defaults(double rate, String userAgent) {
        return new SinkTuning(rate, DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRIES, Timeouts.DEFAULTS,
                DEFAULT_GIVE_UP_AFTER, userAgent, true, Network.DIRECT, null);
    }

    public SinkTuning withRate(double r) {
        return new SinkTuning(r, concurrency, maxRetries, timeouts, giveUpAfter, userAgent, adaptiveRate, network,
                shared);
    }

    public SinkTuning withMaxRetries(int n) {
        return new SinkTuning(rate, concurrency, n, timeouts, giveUpAfter, userAgent, adaptiveRate, network, shared);
    }

    public SinkTuning withTimeouts(Timeouts t) {
        return new SinkTuning(rate, concurrency, maxRetries, t, giveUpAfter, userAgent, adaptiveRate, network, shared);
    }

    public SinkTuning withGiveUpAfter(Duration d) {
        return new SinkTuning(rate, concurrency, maxRetries, timeouts, d, userAgent, adaptiveRate, network, shared);
    }

    public SinkTuning withConcurrency(int n) {
        return new SinkTuning(rate, n, maxRetries, timeouts, giveUpAfter, userAgent, adaptiveRate, network, shared);
    }

    /** The same with the rate adapting to 429s ({@code true}, the default) or fixed. */
    public SinkTuning withAdaptiveRate(boolean adaptive) {
        return new SinkTuning(rate, concurrency, maxRetries, timeouts, giveUpAfter, userAgent, adaptive, network,
                shared);
    }

    /** The same drawing from the shared budget {@code s} (null: pacing alone). */
    public SinkTuning withShared(SharedRate s) {
        return new SinkTuning(rate, concurrency, maxRetries, timeouts, giveUpAfter, userAgent, adaptiveRate, network,
                s);
    }

    /** Retries after the first attempt plus that attempt: the one retry budget, counted in attempts sent. */
    int maxAttempts() {
        return maxRetries + 1;
    }
}
