package io.cfsync.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of each partition are finished (delivered, deliberately skipped or reported as errant) and so how
 * far the consumer group may commit: up to the first record that is not finished, else just past the last record
 * seen. A record may stand for several events (a batch envelope): it is finished when all of them are. Thread-safe:
 * senders finish records while the task thread adds them and asks for offsets.
 */
final class OffsetBook {
    /** One partition: records not yet finished (offset to events left) and the offset after the last one seen. */
    private static final class Partition {
        final TreeMap<Long, Integer> open = new TreeMap<>();
        long next = -1;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();
    private int unfinished;

    /** A record at {@code offset} with {@code events} events still to finish (0: finished already). */
    synchronized void add(TopicPartition tp, long offset, int events) {
        Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
        p.next = Math.max(p.next, offset + 1);
        if (events > 0) {
            p.open.merge(offset, events, Integer::sum);
            unfinished += events;
        }
    }

    /** One event of the record at {@code offset} is finished; ignored for a partition no longer held. */
    synchronized void finished(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p == null) {
            return;
        }
        Integer left = p.open.get(offset);
        if (left == null) {
            return;
        }
        unfinished--;
        notifyAll();
        if (left == 1) {
            p.open.remove(offset);
        } else {
            p.open.put(offset, left - 1);
        }
    }

    /** What may be committed now, for the partitions in {@code assigned} that have seen a record. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : assigned) {
            Partition p = partitions.get(tp);
            if (p != null && p.next >= 0) {
                out.put(tp, new OffsetAndMetadata(p.open.isEmpty() ? p.next : p.open.firstKey()));
            }
        }
        return out;
    }

    /** Drops partitions this task no longer holds: their records are read again by their next holder. */
    synchronized void forget(Collection<TopicPartition> tps) {
        for (TopicPartition tp : tps) {
            Partition p = partitions.remove(tp);
            if (p != null) {
                unfinished -= p.open.values().stream().mapToInt(Integer::intValue).sum();
            }
        }
    }

    /** Waits until at most {@code n} events are unfinished, or {@code millis} passed. */
    synchronized void awaitAtMost(int n, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (unfinished > n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Waits until no event of {@code tps} is unfinished, or {@code millis} passed; true when none is left. Records
     * are finished by sender threads, so this returns as soon as the last of them settles.
     */
    synchronized boolean awaitSettled(Collection<TopicPartition> tps, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (unfinished(tps) > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Events of {@code tps} submitted and not finished. */
    synchronized int unfinished(Collection<TopicPartition> tps) {
        int n = 0;
        for (TopicPartition tp : tps) {
            Partition p = partitions.get(tp);
            if (p != null) {
                n += p.open.values().stream().mapToInt(Integer::intValue).sum();
            }
        }
        return n;
    }

    /** Events submitted and not finished, over all partitions. */
    synchronized int unfinished() {
        return unfinished;
    }
}
