package io.cfsync.send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-key ordering with bounded parallelism and back-pressure. Items with the same key run one at a time, in the
 * order they were offered; items with different keys run in parallel, at most {@code parallelism} at once, keys
 * taking turns in the order they became ready. At most {@code capacity} items are queued or running:
 * {@link #offer} blocks beyond that, so memory stays flat however long the input. Thread-safe.
 *
 * <p>Unlike fixed lanes chosen by a hash, a key that waits (a request being retried) holds up only its own items.
 *
 * @param <T> the work item
 */
final class Lanes<T> {
    /** Runs one item and calls {@code done} exactly once when it has finished, from any thread. */
    interface Runner<T> {
        void run(T item, Runnable done);
    }

    private static final class Lane<T> {
        final String key;
        final ArrayDeque<T> queue = new ArrayDeque<>(2);
        boolean running;

        Lane(String key) {
            this.key = key;
        }
    }

    private record Start<T>(Lane<T> lane, T item) {
    }

    private final int parallelism;
    private final int capacity;
    private final Runner<T> runner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Map<String, Lane<T>> lanes = new HashMap<>();
    private final ArrayDeque<Lane<T>> ready = new ArrayDeque<>();
    private int pending;
    private int running;
    private boolean closed;

    Lanes(int parallelism, int capacity, Runner<T> runner) {
        this.parallelism = parallelism;
        this.capacity = capacity;
        this.runner = runner;
    }

    /**
     * Queues {@code item} behind earlier items of {@code key}, waiting while the queue is full.
     *
     * @return false, without queueing, when {@link #close} was called first
     */
    boolean offer(String key, T item) throws InterruptedException {
        List<Start<T>> starts;
        lock.lock();
        try {
            while (pending >= capacity && !closed) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            pending++;
            Lane<T> lane = lanes.computeIfAbsent(key, Lane::new);
            lane.queue.add(item);
            if (!lane.running && lane.queue.size() == 1) {
                ready.add(lane);
            }
            starts = startable();
        } finally {
            lock.unlock();
        }
        start(starts);
        return true;
    }

    /** Refuses further items and returns those queued but not started (in no particular order). */
    List<T> close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            List<T> left = new ArrayList<>();
            for (Lane<T> lane : lanes.values()) {
                left.addAll(lane.queue);
                pending -= lane.queue.size();
                lane.queue.clear();
            }
            ready.clear();
            lanes.values().removeIf(l -> !l.running);
            if (pending == 0) {
                idle.signalAll();
            }
            return left;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every accepted item has finished. */
    void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            while (pending > 0) {
                idle.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Items queued or running. */
    int pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private void done(Lane<T> lane) {
        List<Start<T>> starts;
        lock.lock();
        try {
            lane.running = false;
            running--;
            pending--;
            if (!lane.queue.isEmpty()) {
                ready.add(lane);
            } else {
                lanes.remove(lane.key);
            }
            notFull.signal();
            if (pending == 0) {
                idle.signalAll();
            }
            starts = startable();
        } finally {
            lock.unlock();
        }
        start(starts);
    }

    private List<Start<T>> startable() {
        List<Start<T>> out = null;
        while (running < parallelism && !ready.isEmpty()) {
            Lane<T> lane = ready.poll();
            lane.running = true;
            running++;
            if (out == null) {
                out = new ArrayList<>(2);
            }
            out.add(new Start<>(lane, lane.queue.poll()));
        }
        return out == null ? List.of() : out;
    }

    private void start(List<Start<T>> starts) {
        for (Start<T> s : starts) {
            runner.run(s.item(), () -> done(s.lane()));
        }
    }
}
