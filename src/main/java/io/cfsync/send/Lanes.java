package io.cfsync.send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-key ordering with bounded parallelism and back-pressure. Each item names one or more keys. An item runs only
 * after every earlier item that shares a key with it has finished, and items offered later that share a key with it
 * wait until it has finished: so items of one key run one at a time, in the order they were offered, and an item
 * naming two keys (an event that joins two identities) is ordered against both. Items with no key in common run in
 * parallel, at most {@code parallelism} at once, taking turns in the order they became ready. At most
 * {@code capacity} items are queued or running: {@link #offer} blocks beyond that, so memory stays flat however long
 * the input. Thread-safe.
 *
 * <p>How: each item waits in the queue of every key it names, in offer order, and runs when it is at the head of
 * all of them; when it finishes it leaves all of them. This cannot deadlock: all queues are in one global order, so
 * the earliest unfinished item is at the head of each of its queues and can always run.
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

    /** One offered item and the keys it waits on. */
    private static final class Node<T> {
        final T item;
        final List<String> keys;
        /** Queues of {@link #keys} in which an earlier item is still ahead; runnable at 0. */
        int blockedBy;
        /** Handed to the runner; it stays at the head of its queues until done. */
        boolean started;

        Node(T item, List<String> keys) {
            this.item = item;
            this.keys = keys;
        }
    }

    private final int parallelism;
    private final int capacity;
    private final Runner<T> runner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Map<String, ArrayDeque<Node<T>>> queues = new HashMap<>();
    private final ArrayDeque<Node<T>> ready = new ArrayDeque<>();
    private int pending;
    private int running;
    private boolean closed;

    Lanes(int parallelism, int capacity, Runner<T> runner) {
        this.parallelism = parallelism;
        this.capacity = capacity;
        this.runner = runner;
    }

    /** {@link #offer(Collection, Object)} with one key. */
    boolean offer(String key, T item) throws InterruptedException {
        return offer(List.of(key), item);
    }

    /**
     * Queues {@code item} behind earlier items of each of {@code keys} (at least one; repeats count once), waiting
     * while the queue is full.
     *
     * @return false, without queueing, when {@link #close} was called first
     */
    boolean offer(Collection<String> keys, T item) throws InterruptedException {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an item needs at least one key");
        }
        Node<T> node = new Node<>(item, List.copyOf(new LinkedHashSet<>(keys)));
        List<Node<T>> starts;
        lock.lock();
        try {
            while (pending >= capacity && !closed) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            pending++;
            for (String key : node.keys) {
                ArrayDeque<Node<T>> queue = queues.computeIfAbsent(key, k -> new ArrayDeque<>(2));
                if (!queue.isEmpty()) {
                    node.blockedBy++;
                }
                queue.add(node);
            }
            if (node.blockedBy == 0) {
                ready.add(node);
            }
            starts = startable();
        } finally {
            lock.unlock();
        }
        start(starts);
        return true;
    }

    /** Refuses further items and returns those queued but not started, each once (in no particular order). */
    List<T> close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            List<T> left = new ArrayList<>();
            Set<Node<T>> dropped = new HashSet<>();
            for (ArrayDeque<Node<T>> queue : queues.values()) {
                for (Node<T> n : queue) {
                    if (!n.started && dropped.add(n)) {
                        left.add(n.item);
                        pending--;
                    }
                }
                // What stays is a running item, at the head of each of its queues until it finishes.
                queue.removeIf(n -> !n.started);
            }
            queues.values().removeIf(ArrayDeque::isEmpty);
            ready.clear();
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

    /** Keys with an item queued or running; bounded by the items' keys, so by {@code capacity}. */
    int keys() {
        lock.lock();
        try {
            return queues.size();
        } finally {
            lock.unlock();
        }
    }

    private void done(Node<T> node) {
        List<Node<T>> starts;
        lock.lock();
        try {
            running--;
            pending--;
            for (String key : node.keys) {
                ArrayDeque<Node<T>> queue = queues.get(key);
                queue.pollFirst(); // node is the head of each of its queues while it runs
                Node<T> next = queue.peekFirst();
                if (next == null) {
                    queues.remove(key);
                } else if (--next.blockedBy == 0) {
                    ready.add(next);
                }
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

    private List<Node<T>> startable() {
        List<Node<T>> out = null;
        while (running < parallelism && !ready.isEmpty()) {
            Node<T> node = ready.poll();
            node.started = true;
            running++;
            if (out == null) {
                out = new ArrayList<>(2);
            }
            out.add(node);
        }
        return out == null ? List.of() : out;
    }

    private void start(List<Node<T>> starts) {
        for (Node<T> n : starts) {
            runner.run(n.item, () -> done(n));
        }
    }
}
