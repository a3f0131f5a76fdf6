package io.cfsync.send.rate;

import java.util.List;

/**
 * Where the shared budget is kept (Redis, see {@code redis.RedisStore}): each call is one round trip, answered on the
 * store's clock, so the workers' own clocks never need to agree. Implementations are thread-safe.
 */
public interface SharedStore extends AutoCloseable {
    /**
     * Permits granted by one {@link #take}: the first may be sent {@code waitNanos} from when the call was made,
     * the others each {@code gapNanos} after the one before.
     *
     * @param rate    the budget's rate now (requests per second), which every worker follows
     * @param workers the workers registered on the budget (heard from in the last minute)
     */
    record Grant(int permits, long waitNanos, long gapNanos, double rate, int workers) {
    }

    /** One worker on a budget, as its last heartbeat told. */
    record Worker(String id, String label, long lastMinute, long ageMillis) {
    }

    /** What {@code cf-sync status --shared-rate} shows of a budget. */
    record Budget(String name, double ceiling, double rate, List<Worker> workers) {
    }

    /** The store cannot be reached, or answered what no budget would. Its message holds no password. */
    final class Down extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Down(String message) {
            super(message);
        }
    }

    /**
     * Takes {@code permits} permits from the budget.
     *
     * @param ceiling the worker's {@code --rate}: the budget never runs faster than the lowest a taker names
     * @param want    the rate this worker's answers allow now
     * @param seen    the budget's rate this worker last followed: {@code want} below it (429s) cuts the budget's
     *                rate at once; above it (a clean window) raises it by one step, at most once a second
     * @param slack   the permit spacing is this much wider than the rate (1.02: 2% wider)
     * @throws Down when the store is out of reach
     */
    Grant take(int permits, double ceiling, double want, double seen, double slack);

    /**
     * Tells the store this worker is alive.
     *
     * @return how many workers were heard from lately, this one included
     * @throws Down when the store is out of reach
     */
    int beat(String id, String label, long lastMinute);

    /** This worker leaves the budget (a clean end). Never throws. */
    void leave(String id);

    /** The budget and its workers, for {@code status}. @throws Down when the store is out of reach */
    Budget read();

    @Override
    void close();
}
