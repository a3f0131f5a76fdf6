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
    /**
     * The instance that holds each task id. A restarted task starts while its previous instance may still be
     * stopping (the worker stops waiting for it after {@code task.shutdown.graceful.timeout.ms}): the newest one
     * holds the id, and the previous one can no longer change the split or take the id's entry with it.
     */
    private final Map<Integer, Object> owners = new HashMap<>();
    private long version;

    private TaskShares(String key, int tasks) {
        this.key = key;
        this.tasks = tasks;
    }

    /**
     * Registers {@code instance} as task {@code taskId} of {@code tasks} of {@code connector}, holding no partition
     * yet; it supersedes an earlier instance of the same task still stopping.
     */
    static TaskShares join(String connector, int tasks, int taskId, Object instance) {
        TaskShares s;
        synchronized (BY_CONNECTOR) {
            // A new task count is a new generation: the old tasks are being stopped and do not count.
            s = BY_CONNECTOR.computeIfAbsent(connector + "/" + tasks, k -> new TaskShares(k, tasks));
        }
        synchronized (s) {
            s.owners.put(taskId, instance);
        }
        s.hold(taskId, instance, 0);
        return s;
    }

    /** Task {@code taskId} holds {@code partitions} partitions now; ignored from a superseded instance. */
    synchronized void hold(int taskId, Object instance, int partitions) {
        if (owners.get(taskId) != instance) {
            return;
        }
        Integer before = held.put(taskId, partitions);
        if (before == null || before != partitions) {
            version++;
        }
    }

    /** Whether a newer instance of task {@code taskId} started after {@code instance}. */
    synchronized boolean superseded(int taskId, Object instance) {
        Object owner = owners.get(taskId);
        return owner != null && owner != instance;
    }

    /**
     * Task {@code taskId} stopped: its share goes to its siblings in this worker; a superseded instance leaves its
     * successor's entry alone.
     */
    void leave(int taskId, Object instance) {
        synchronized (BY_CONNECTOR) {
            synchronized (this) {
                if (owners.get(taskId) != instance) {
                    return;
                }
                owners.remove(taskId);
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
