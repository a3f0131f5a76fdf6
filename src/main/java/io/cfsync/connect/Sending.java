package io.cfsync.connect;

import io.cfsync.report.InputGauge;
import io.cfsync.report.RunStats;
import io.cfsync.report.Snapshot;
import io.cfsync.send.Delivery;
import io.cfsync.send.DeliveryListener;
import io.cfsync.send.Failure;
import io.cfsync.send.RunControl;
import io.cfsync.send.Sink;
import io.cfsync.send.SinkSpec;
import io.cfsync.send.Sinks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The send layer's HTTP sink as a long-running task uses it: records' deliveries go in one at a time (batched
 * where the vendor batches; the sink reports each delivery of a batch on its own, so a batch answer settles
 * exactly its records); a delivered event finishes its record in the {@link OffsetBook} at once, while failed
 * and pending ones are queued for the task thread. A sink that stopped (vendor down past the give-up time,
 * partitions taken away, another rate share) is finished and replaced by a fresh one, and what it left pending is
 * sent again in the order it was first submitted. Submitting is for
 * the task thread; the listener side is called by sender threads.
 */
final class Sending implements DeliveryListener {
    /** One submitted event and the record it came from; {@code seq} is the task's submission order. */
    record Tracked(long seq, TopicPartition tp, SinkRecord record, Delivery delivery) {
    }

    /** An event the vendor refused for good (or whose retries ran out). */
    record Failed(Tracked tracked, Failure failure) {
    }

    private SinkSpec spec;
    private final OffsetBook book;
    private final Map<Delivery, Tracked> open = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ConcurrentLinkedQueue<Failed> failed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Tracked> pending = new ConcurrentLinkedQueue<>();
    private final LongAdder delivered = new LongAdder();
    /** The task's figures over its whole life, whichever sink made them. */
    private final RunStats stats = new RunStats();
    private final long startNanos = System.nanoTime();
    private RunControl control;
    private volatile Sink sink;
    private long seq;

    Sending(SinkSpec spec, OffsetBook book) {
        this.spec = spec;
        this.book = book;
    }

    /** The spec of the next sink {@link #open} makes (another rate share). */
    void retarget(SinkSpec next) {
        this.spec = next;
    }

    /** Sends the batch being packed, if any: the records of this put should not wait for the next. */
    void flush() {
        if (sink != null) {
            sink.flush();
        }
    }

    /** Opens a fresh sink (its own threads, connections and give-up clock). */
    void open() {
        control = new RunControl();
        sink = Sinks.open(spec, stats, control, this);
    }

    boolean isOpen() {
        return sink != null;
    }

    void submit(TopicPartition tp, SinkRecord record, Delivery d) {
        submit(new Tracked(seq++, tp, record, d));
    }

    private void submit(Tracked t) {
        open.put(t.delivery(), t);
        sink.submit(t.delivery());
    }

    /** Why the current sink stopped on its own (credentials refused, vendor down), or null while it runs. */
    RunControl.Stop stopped() {
        return sink == null ? null : control.stopped();
    }

    /**
     * Stops the current sink (new requests are not sent, those on the wire get their answer), waits for it, and
     * returns every event it left unsettled, in submission order. Nothing to do when no sink is open.
     */
    List<Tracked> stop(String why) {
        if (sink == null) {
            return List.of();
        }
        control.stop(RunControl.Reason.INTERRUPTED, why);
        sink.finish();
        sink = null;
        List<Tracked> left = new ArrayList<>();
        for (Tracked t; (t = pending.poll()) != null; ) {
            left.add(t);
        }
        left.sort(Comparator.comparingLong(Tracked::seq));
        return left;
    }

    /** Submits events a stopped sink left, in the order given, to the open sink. */
    void resubmit(List<Tracked> left) {
        for (Tracked t : left) {
            submit(t);
        }
    }

    /** Failures reported since the last call. */
    List<Failed> drainFailed() {
        List<Failed> out = new ArrayList<>();
        for (Failed f; (f = failed.poll()) != null; ) {
            out.add(f);
        }
        return out;
    }

    long delivered() {
        return delivered.sum();
    }

    /** The task's figures now, for its metrics. */
    Snapshot snapshot() {
        Sink s = sink;
        return Snapshot.take(stats, InputGauge.Reading.NOTHING, s == null ? Snapshot.Sending.IDLE : s.sending(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    public void delivered(Delivery d) {
        Tracked t = open.remove(d);
        if (t != null) {
            delivered.increment();
            stats.delivered.increment();
            book.finished(t.tp(), t.record().kafkaOffset());
        }
    }

    @Override
    public void failed(Delivery d, Failure failure) {
        Tracked t = open.remove(d);
        if (t != null) {
            stats.deadLettered.add(failure.reason());
            failed.add(new Failed(t, failure));
        }
    }

    @Override
    public void pending(Delivery d, boolean sent) {
        Tracked t = open.remove(d);
        if (t != null) {
            pending.add(t);
        }
    }
}
