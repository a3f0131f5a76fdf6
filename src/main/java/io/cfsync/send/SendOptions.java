package io.cfsync.send;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpSink} sends: pacing, parallelism, patience. Immutable.
 *
 * @param rate           requests per second for the destination; null means the destination's default,
 *                       {@link #UNLIMITED} means no limit
 * @param concurrency    requests in flight at most (users run in parallel, one request per user at a time)
 * @param maxRetries     retries after the first attempt of one request (0 = try once)
 * @param maxEventTime   total time one event may take, retries and waits included, before it is given up
 * @param connectTimeout time to open a connection
 * @param timeout        time to wait for a response once the request is sent
 * @param giveUpAfter    how long the vendor may keep failing (circuit open) before the run is aborted
 * @param progress       how progress is shown on stderr
 * @param version        cf-sync's version, for the {@code User-Agent} header
 * @param handleSignals  whether SIGINT/SIGTERM stop the run gracefully (the real process) or are left alone (tests)
 */
public record SendOptions(Double rate, int concurrency, int maxRetries, Duration maxEventTime,
                          Duration connectTimeout, Duration timeout, Duration giveUpAfter, ProgressMode progress,
                          String version, boolean handleSignals) {
    /** The {@link #rate} meaning "no limit". */
    public static final double UNLIMITED = Double.POSITIVE_INFINITY;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_MAX_RETRIES = 4;
    public static final Duration DEFAULT_MAX_EVENT_TIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(5);

    /** How progress is shown: a redrawn status line, a status line every 10 s, or nothing. */
    public enum ProgressMode { bar, log, none }

    public SendOptions {
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive (or unlimited)");
        }
        if (concurrency < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 and retries not negative");
        }
        Objects.requireNonNull(maxEventTime);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(giveUpAfter);
        Objects.requireNonNull(progress);
        Objects.requireNonNull(version);
    }

    /** The defaults, with progress off and signals left alone. */
    public static SendOptions defaults(String version) {
        return new SendOptions(null, DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_MAX_EVENT_TIME,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_GIVE_UP_AFTER, ProgressMode.none, version, false);
    }

    public SendOptions withConcurrency(int n) {
        return new SendOptions(rate, n, maxRetries, maxEventTime, connectTimeout, timeout, giveUpAfter, progress,
                version, handleSignals);
    }

    /** The rate in effect for a destination whose default is {@code destinationDefault}. */
    public double effectiveRate(double destinationDefault) {
        return rate == null ? destinationDefault : rate;
    }
}
