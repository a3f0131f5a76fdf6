package io.cfsync.connect;

import java.util.HashMap;
import java.util.Map;

/**
 * How {@code cf.rate} is split over a connector's tasks without a shared budget. Tasks cannot talk across
 * workers, so the rule uses only what one worker JVM sees, and never gives out more than the connector's rate:
 * <ul>
 *   <li>a worker's portion is {@code cf.rate × (its live tasks) / tasks.max}: the tasks running elsewhere keep the
 *       even share they were given at start;</li>
 *   <li>within a worker the portion goes to the tasks by the partitions each holds now, so a task given no
 *       partition (more tasks than partitions) or stopped (its partitions moved to its siblings) frees its share
 *       for the others, and a rebalance moves the shares with the partitions.</li>
 * </ul>
 * With every task in one worker (standalone, or one worker of a cluster) the split is exact; across workers it is
 * safe but not exact, which is what a shared budget is for. A change bumps {@link #version()}; tasks read it on
 * each put and re-pace when their share moved. One instance per connector name and task count, per JVM.
 * Thread-safe: tasks run on their own threads.
 */
final class TaskShares {
    private static final Map<String, TaskShares> BY_CONNECTOR = new HashMap<>();

    private final String key;
    private final int tasks;
    /** Live tasks of this worker and the partitions each holds. */
    private final Map<Integer, Integer> held = new HashMap<>();
    private long version;

    private TaskShares(String key, int tasks) {
        this.key = key;
        this.tasks = tasks;
    }

    /** Registers task {@code taskId} of {@code tasks} of {@code connector}, holding no partition yet. */
    static TaskShares join(String connector, int tasks, int taskId) {
        TaskShares s;
        synchronized (BY_CONNECTOR) {
            // A new task count is a new generation: the old tasks are being stopped and do not count.
            s = BY_CONNECTOR.computeIfAbsent(connector + "/" + tasks, k -> new TaskShares(k, tasks));
        }
        s.hold(taskId, 0);
        return s;
    }

    /** Task {@code taskId} holds {@code partitions} partitions now. */
    synchronized void hold(int taskId, int partitions) {
        Integer before = held.put(taskId, partitions);
        if (before == null || before != partitions) {
            version++;
        }
    }

    /** Task {@code taskId} stopped: its share goes to its siblings in this worker. */
    void leave(int taskId) {
        synchronized (BY_CONNECTOR) {
            synchronized (this) {
                if (held.remove(taskId) != null) {
                    version++;
                }
                if (held.isEmpty()) {
                    BY_CONNECTOR.remove(key, this);
                }
            }
        }
    }

    /** Bumped by every change of the split. */
    synchronized long version() {
        return version;
    }

    /**
     * Task {@code taskId}'s share of {@code connectorRate} now. A task holding no partition has nothing to send;
     * it is given an even share of the worker's portion so that its sink has a rate, which it cannot spend.
     */
    synchronized double share(int taskId, double connectorRate) {
        if (Double.isInfinite(connectorRate)) {
            return connectorRate;
        }
        int live = Math.max(1, held.size());
        double portion = connectorRate * Math.min(live, tasks) / tasks;
        int total = held.values().stream().mapToInt(Integer::intValue).sum();
        int mine = held.getOrDefault(taskId, 0);
        return total == 0 || mine == 0 ? portion / live : portion * mine / total;
    }
}
