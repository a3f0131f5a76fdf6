package io.cfsync.send.rate;

import io.cfsync.report.RunStats;
import io.cfsync.send.rate.redis.RedisStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * {@link Pacing} on a budget shared with other workers: sending times come from the shared budget
 * ({@link SharedPacer}), the rate is the budget's, which this worker's {@link AdaptiveRate} lowers after its 429s
 * and follows after the others'; the vendor's rate headers and the one-second window stay local, and at the instant
 * of sending the worker spends no more than the times it was given. Closing it leaves the budget. Thread-safe.
 */
public final class SharedPacing implements Pacing {
    /** The least a request held back waits before it looks again. */
    private static final long MIN_WAIT_NANOS = 1_000_000L;

    private final Pacing local;
    private final SharedPacer shared;
    private final Consumer<String> verbose;

    private SharedPacing(Pacing local, SharedPacer shared, Consumer<String> verbose) {
        this.local = local;
        this.shared = shared;
        this.verbose = verbose;
    }

    /**
     * Joins {@code budget}, heartbeat started. Never throws for a Redis out of reach: the worker then paces alone
     * until it answers.
     *
     * @param ceiling       {@code --rate}, finite
     * @param adaptive      false for a fixed rate where every 429 pauses the destination
     * @param headersWindow the vendor's budget window when it announces its budget in rate headers, else null
     * @param note          where the fallback and rejoin notes go
     * @param verbose       where the figures go at the end, or null
     */
    public static Pacing join(SharedRate budget, double ceiling, boolean adaptive, Duration headersWindow,
                              Clocks clocks, Consumer<String> note, Consumer<String> verbose) {
        AdaptiveRate rate = new AdaptiveRate(ceiling, adaptive, clocks.nanoTime());
        SharedPacer permits = new SharedPacer(RedisStore.connect(budget.url(), budget.key()), budget.url().shown(),
                workerId(), budget.label(), ceiling, clocks.nanoTime(), note);
        permits.adapt(rate::rate, rate::follow);
        permits.start();
        return new SharedPacing(Pacings.of(new Follower(rate), permits, ceiling, headersWindow, clocks), permits,
                verbose);
    }

    @Override
    public long reserve(long now) {
        return local.reserve(now);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A request whose sending time passed unspent (it waited behind the first request of the run, the hard
     * ceiling, or a stalled machine) takes a new one from the budget: the times it was given are gone, and waiting
     * in place for one would wait for ever.
     */
    @Override
    public long admit(long now) {
        long wait = shared.admit(now);
        if (wait == ShareWindow.NONE_LEFT) {
            return Math.max(MIN_WAIT_NANOS, local.reserve(now));
        }
        return wait > 0 ? wait : local.admit(now);
    }

    @Override
    public boolean answered(Answer answer) {
        return local.answered(answer);
    }

    @Override
    public RunStats.Rate figures() {
        return local.figures();
    }

    @Override
    public void close() {
        shared.close();
        if (verbose != null) {
            verbose.accept(shared.figures());
        }
    }

    /** {@code host:pid:random}: unique on a budget, and says where a worker runs. */
    static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    }

    /**
     * The adaptive rate of a worker on a shared budget: it judges this worker's answers, but a cut starts from the
     * budget's rate, not from what this worker sent (only its share of it), so it is never told of sends.
     */
    private record Follower(AdaptiveRate adaptive) implements Ceiling {
        @Override
        public double rate() {
            return adaptive.rate();
        }

        @Override
        public void sent() {
            // See the type comment.
        }

        @Override
        public boolean answered(boolean was429) {
            return adaptive.answered(was429);
        }

        @Override
        public RunStats.Rate summary() {
            return adaptive.summary();
        }
    }
}
