package io.cfsync.send.rate;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Sending times drawn from a budget shared by every worker that names it. Permits come in blocks of at most
 * {@link #BLOCK_NANOS} worth at the budget's rate, one round trip to the {@link SharedStore} each, spaced evenly from
 * the time the store names; a permit whose time passed unused is dropped rather than saved up, and a worker that
 * drops some asks for smaller blocks, so a worker short of work does not hold budget the others could spend.
 *
 * <p>The budget's rate is adaptive and shared: {@code want} (this worker's adaptive rate) below what it last
 * followed cuts the budget, above it raises it a step; {@code follow} is told the budget's rate after every round
 * trip. When the store is lost, the worker paces alone at the ceiling divided by the workers heard at the last
 * heartbeat, says so once, tries the store again once a second and rejoins it when it answers. A heartbeat every
 * {@link #BEAT_MILLIS} ms registers the worker with its label and its permits of the last minute. Thread-safe.
 */
final class SharedPacer implements Permits, AutoCloseable {
    /** The most time one block of permits may cover: the slack the budget allows above its rate. */
    public static final long BLOCK_NANOS = 100_000_000L;
    static final long RETRY_NANOS = 1_000_000_000L;
    static final long BEAT_MILLIS = 2_000;
    /** Same slack as the local pacer, so that scheduling delays rarely meet a hard per-second window. */
    static final double SLACK = 1.02;

    private final SharedStore store;
    private final String shown;
    private final String id;
    private final String label;
    private final double ceiling;
    private final LongSupplier clock;
    private final Consumer<String> note;
    private final LastMinute minute;
    private final AtomicLong roundTrips = new AtomicLong();
    private final ShareWindow window = new ShareWindow();
    private final TripTimes trips = new TripTimes();
    private volatile DoubleSupplier want;
    private volatile DoubleConsumer follow = r -> { };
    private volatile int workers = 1;
    private ScheduledExecutorService beats;
    private int block;
    private long slot;
    private long gap;
    private int left;
    private int used;
    private double seen;
    private boolean alone;
    private boolean told;
    private long retryAt;
    private long next;
    /** Just after a rejoin, until others still pacing alone have rejoined too, the worker keeps to its share. */
    private long capUntil;

    /**
     * @param shown   the store as it may be printed (no password)
     * @param id      this worker, unique on the budget
     * @param label   what the status shows for it (its shard or task), may be empty
     * @param ceiling {@code --rate}: finite and positive
     * @param note    where the one-line notes go (the fallback, the rejoin)
     */
    public SharedPacer(SharedStore store, String shown, String id, String label, double ceiling, LongSupplier clock,
                       Consumer<String> note) {
        if (!(ceiling > 0) || Double.isInfinite(ceiling)) {
            throw new IllegalArgumentException("a shared budget needs a finite rate");
        }
        this.store = store;
        this.shown = shown;
        this.id = id;
        this.label = label;
        this.ceiling = ceiling;
        this.clock = clock;
        this.note = note;
        this.minute = new LastMinute();
        this.want = () -> ceiling;
        this.seen = ceiling;
        this.block = maxBlock(ceiling);
    }

    /** Permits in one block at {@code rate}: {@link #BLOCK_NANOS} worth, at least one. */
    static int maxBlock(double rate) {
        return (int) Math.max(1, Math.floor(rate * BLOCK_NANOS / 1e9));
    }

    /** Links the worker's adaptive rate: read before each round trip, told the budget's rate after it. */
    public void adapt(DoubleSupplier wanted, DoubleConsumer followed) {
        this.want = wanted;
        this.follow = followed;
    }

    /** Registers the worker now and then every {@link #BEAT_MILLIS} ms, until {@link #close()}. */
    public synchronized void start() {
        beats = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cf-sync-shared-rate");
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(this::beat, 0, BEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The next sending time at or after {@code earliest}; the rate is the budget's, whatever is asked. */
    @Override
    public long take(long earliest, double perSecond) {
        return earliest + reserve(earliest);
    }

    /**
     * At the instant of sending: admits the request when it can spend a sending time this worker was given that is
     * due and at most half a block period old. A sender held up (a pause of the JVM, a busy machine) thus cannot
     * spend late permits in a burst on top of the other workers'.
     *
     * @return 0 when admitted, else nanoseconds to wait, or {@link ShareWindow#NONE_LEFT} when no time given is left
     */
    public long admit(long now) {
        return window.admit(now, BLOCK_NANOS / 2);
    }

    /**
     * Reserves the next sending time.
     *
     * @param now the current {@link System#nanoTime()} (as the clock given)
     * @return nanoseconds from {@code now} until the reserved time (0 to send at once)
     */
    public synchronized long reserve(long now) {
        minute.add(now);
        trips.handed();
        if (alone && now - retryAt >= 0) {
            refill(now);
        } else if (!alone) {
            dropPassed(now);
            if (left == 0) {
                refill(now);
            }
        }
        if (alone) {
            long s = Math.max(next, now);
            next = s + (long) Math.ceil(1e9 / aloneRate() * SLACK);
            window.given(s);
            return s - now;
        }
        long s = Math.max(slot, now);
        slot += gap;
        left--;
        used++;
        if (capUntil - s > 0) {
            s = Math.max(s, next);
            next = s + (long) Math.ceil(1e9 / aloneRate() * SLACK);
        }
        window.given(s);
        return s - now;
    }

    /** Permits whose time passed by more than one gap are gone: unused time is not saved up. */
    private void dropPassed(long now) {
        if (left > 0 && gap > 0 && now - slot > gap) {
            long passed = Math.min(left, (now - slot) / gap);
            slot += passed * gap;
            left -= (int) passed;
            if (left == 0) {
                // The worker could not spend its block: ask for what it did spend next time.
                block = Math.max(1, used);
            }
        }
    }

    private void refill(long now) {
        try {
            double wanted = Math.min(ceiling, want.getAsDouble());
            if (left == 0 && used >= block) {
                block = Math.min(maxBlock(seen), block * 2);
            }
            long before = clock.getAsLong();
            SharedStore.Grant g = store.take(block, ceiling, wanted, seen, SLACK);
            roundTrips.incrementAndGet();
            trips.trip(clock.getAsLong() - before);
            slot = now + g.waitNanos();
            gap = g.gapNanos();
            left = g.permits();
            used = 0;
            seen = g.rate();
            // Counted on every round trip, not only at heartbeats: a worker that joined since must count if Redis
            // is lost before the next one.
            workers = Math.max(workers, g.workers());
            follow.accept(g.rate());
            block = Math.min(block, maxBlock(g.rate()));
            if (alone) {
                alone = false;
                // The others retry within RETRY_NANOS; until then the fresh budget does not know they are sending.
                capUntil = now + RETRY_NANOS + RETRY_NANOS / 2;
                note.accept("the shared rate budget at " + shown + " answers again: sending on it once more");
            }
        } catch (SharedStore.Down e) {
            roundTrips.incrementAndGet();
            left = 0;
            retryAt = now + RETRY_NANOS;
            if (!alone) {
                alone = true;
                next = now;
                if (!told) {
                    told = true;
                    note.accept(e.getMessage() + "; sending alone at " + perSecond(aloneRate())
                            + "/s (the rate shared by " + workers + (workers == 1 ? " worker" : " workers")
                            + " at the last heartbeat) until it answers again");
                }
            }
        }
    }

    private double aloneRate() {
        return Math.min(ceiling, want.getAsDouble()) / Math.max(1, workers);
    }

    private void beat() {
        try {
            int n = store.beat(id, label, minute.total(clock.getAsLong()));
            workers = Math.max(1, n); // the live ones: a worker that left no longer counts
        } catch (RuntimeException e) {
            // The senders notice a lost store on their next round trip; the heartbeat only keeps the count.
        }
    }

    /** Round trips to the store so far (takes, including failed ones; heartbeats not counted). */
    public long roundTrips() {
        return roundTrips.get();
    }

    /** For {@code --verbose} at the end: round trips per request and the p99 wait they added. */
    public String figures() {
        return String.format(java.util.Locale.ROOT, "shared rate budget at %s: %d round trips for %d requests "
                + "(%.3f per request), p99 wait added per request %.1f ms", shown, roundTrips.get(), trips.requests(),
                trips.requests() == 0 ? 0.0 : roundTrips.get() / (double) trips.requests(), trips.p99() / 1e6);
    }

    /** Whether the worker is pacing alone because the store was lost. */
    public synchronized boolean alone() {
        return alone;
    }

    /** Stops the heartbeat and leaves the budget's registry. */
    @Override
    public void close() {
        ScheduledExecutorService b;
        synchronized (this) {
            b = beats;
            beats = null;
        }
        if (b != null) {
            b.shutdownNow();
            store.leave(id);
        }
        store.close();
    }

    private static String perSecond(double r) {
        return r >= 10 || r == Math.rint(r) ? Long.toString(Math.round(r)) : String.format(java.util.Locale.ROOT,
                "%.2f", r);
    }
}
