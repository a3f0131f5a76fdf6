package io.cfsync.connect;

import io.cfsync.report.Version;
import io.cfsync.pipeline.Planner;
import io.cfsync.pipeline.RecordPlanner;
import io.cfsync.report.Redactor;
import io.cfsync.report.Console;
import io.cfsync.report.Durations;
import io.cfsync.send.RunControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * One task of {@link CfSyncSinkConnector}. It is set up by the pipeline's {@code Setup}, as {@code cf-sync send} is
 * (so Kustomer is paced by its rate headers and Customer.io's v2 and Pipelines calls are batched), and each record
 * is planned by the pipeline's planner as a line of a file would be; its requests go to the send layer's HTTP sink:
 * a user's events one at a time in offset order (a retrying event holds up only its own user), different users in
 * parallel. A batch being packed is sent at the end of each put, and each batch answer settles exactly the records
 * in it. Its share of {@code cf.rate} follows the partitions it holds ({@link TaskShares}): a share that moved is
 * applied at the next put by a fresh sink. Offsets are committed only up to
 * records that are finished (delivered, deliberately skipped, or reported as errant). Partitions taken away (a
 * rebalance, a stop) are drained first: their events in flight may settle for up to {@code cf.drain.timeout}, and
 * the offsets Connect commits for them go through every settled record, so their next holder re-sends only what
 * was still unsettled then. A 401/403 fails the task; a vendor down past {@code cf.give.up.after}
 * makes Connect wait (a retriable error with a timeout) and then tries again. Connect calls it from one thread.
 */
public final class CfSyncSinkTask extends SinkTask {
    /** How long Connect waits before the task tries a vendor it gave up on again, at most. */
    private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(30);
    /** Longest one put holds the task thread for back-pressure; well under Connect's max.poll.interval.ms. */
    private static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private Sending sending;
    private RateShare share;
    /** The partitions this task holds, for its share of the rate. */
    private final java.util.Set<TopicPartition> assigned = new java.util.HashSet<>();
    private OffsetBook book;
    private RecordPlanner planner;
    private ErrantRecords errant;
    private Redactor redactor;
    private int highWater;
    private long outageUntil;
    private Duration outagePause;
    private Duration drainTimeout;
    /** The offsets last handed to Connect by preCommit; Connect commits them only after close (see drain). */
    private Map<TopicPartition, OffsetAndMetadata> offered = new HashMap<>();
    private List<Sending.Tracked> held = List.of();
    private TaskLog log;
    private TaskMetrics metrics;
    /** Why the task must fail; kept, so that every later call fails the same way. */
    private ConnectException fatal;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ConnectorConfig.Parsed cfg = ConnectorConfig.parse(props);
        redactor = cfg.setup().redactor();
        planner = new RecordPlanner(cfg.setup().target());
        int taskId = Integer.parseInt(props.getOrDefault(ConnectorConfig.TASK_ID, "0"));
        share = new RateShare(props.getOrDefault("name", ""), taskId, cfg, Console.quiet(System.err, redactor));
        book = new OffsetBook();
        sending = new Sending(share.spec(), book);
        sending.open();
        try {
            metrics = TaskMetrics.register(context, sending::snapshot);
        } catch (LinkageError e) {
            metrics = null; // a worker before Kafka 4.1 has no plugin metrics: the task runs without them
        }
        ErrantRecordReporter reporter;
        try {
            reporter = context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            reporter = null; // a worker older than the reporter: errors.tolerance decides alone
        }
        errant = new ErrantRecords(reporter, props, redactor);
        highWater = Math.max(64, cfg.options().concurrency() * 32);
        outagePause = cfg.options().giveUpAfter().compareTo(OUTAGE_PAUSE) < 0 ? cfg.options().giveUpAfter()
                : OUTAGE_PAUSE;
        drainTimeout = cfg.drainTimeout();
        log = new TaskLog(taskId);
    }

    /** Partitions given to this task: its share of the rate follows them. */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        if (share != null) {
            assigned.addAll(partitions);
            share.hold(assigned.size());
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (fatal != null) {
            throw fatal;
        }
        try {
            settle();
            registerMetrics();
            if (share.superseded()) {
                retire();
                return;
            }
            if (outageUntil != 0 && !endOutage()) {
                // Connect waits this long, then hands the same records back; none of them was taken.
                long waitMillis = Math.max(1, (outageUntil - System.nanoTime()) / 1_000_000);
                context.timeout(waitMillis);
                throw new RetriableException("the vendor is down; trying again in "
                        + Durations.format(Duration.ofMillis(waitMillis)));
            }
            if (share.moved()) {
                reopen("the task's share of the rate moved");
            }
            for (SinkRecord r : records) {
                take(r);
            }
            // A batch being packed goes now: the next put may be a poll timeout away.
            sending.flush();
            pace();
        } catch (RetriableException e) {
            throw e;
        } catch (ConnectException e) {
            fatal = e;
            throw e;
        }
    }

    private void take(SinkRecord r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.kafkaPartition());
        String source = r.topic() + "-" + r.kafkaPartition();
        if (r.value() == null) {
            book.add(tp, r.kafkaOffset(), 0);
            log.skipped();
            return;
        }
        List<Planner.Planned> plans;
        try {
            plans = planner.plan(source, r.kafkaOffset(), RecordValues.bytes(r.value()));
        } catch (IllegalArgumentException e) {
            plans = List.of(new Planner.Invalid(null, "unreadable-record", e.getMessage()));
        }
        int sends = 0;
        for (Planner.Planned p : plans) {
            if (p instanceof Planner.Send) {
                sends++;
            }
        }
        book.add(tp, r.kafkaOffset(), sends);
        for (Planner.Planned p : plans) {
            if (p instanceof Planner.Send s) {
                sending.submit(tp, r, s.delivery());
            } else if (p instanceof Planner.Invalid inv) {
                log.errant();
                errant.report(r, new ErrantRecords.Why(inv.reason(), inv.detail(), 0, null));
            } else {
                log.skipped();
            }
        }
    }

    /**
     * Reports failures, and reacts to a sink that stopped on its own: credentials refused fail the task (nothing
     * can succeed until a person acts); a vendor down holds the unsettled events for a while.
     */
    /** Registers the figures a previous instance of this task held while it was stopping (see TaskMetrics). */
    private void registerMetrics() {
        if (metrics != null) {
            metrics.retry();
        }
    }

    private void settle() {
        reportFailures();
        RunControl.Stop stop = sending.stopped();
        if (stop == null) {
            return;
        }
        List<Sending.Tracked> left = sending.stop(stop.message());
        reportFailures();
        if (stop.reason() == RunControl.Reason.CREDENTIALS || stop.reason() == RunControl.Reason.TLS) {
            throw new ConnectException(redactor.redact(stop.message()) + "; fix the destination's settings and "
                    + "restart the task (nothing was dead-lettered; unsent records will be sent then)");
        }
        held = left;
        outageUntil = System.nanoTime() + outagePause.toNanos();
        log.note(redactor.redact(stop.message()) + "; pausing for " + Durations.format(outagePause) + " with "
                + left.size() + " events held");
    }

    /** Failures reported by the sink, each to the errant record reporter, then finished. */
    private void reportFailures() {
        for (Sending.Failed f : sending.drainFailed()) {
            Sending.Tracked t = f.tracked();
            log.errant();
            errant.report(t.record(), new ErrantRecords.Why(f.failure().reason(), f.failure().detail(),
                    f.failure().status(), f.failure().response()));
            book.finished(t.tp(), t.record().kafkaOffset());
        }
    }

    /**
     * This task was restarted while this instance was still stopping: the worker gave up on it and commits nothing
     * for it any more, so whatever it settles now its successor reads and sends again. It stops sending (requests on
     * the wire get their answer, before the successor can be given its partitions) and takes no more records.
     */
    private void retire() {
        if (sending.isOpen()) {
            List<Sending.Tracked> left = sending.stop("the task was restarted before this instance stopped");
            reportFailures();
            log.note("the task was restarted before this instance stopped; the new instance sends the "
                    + left.size() + " events this one left, with what it had settled since the last commit");
        }
    }

    /** A fresh sink at the share of now, the events the old one left first. */
    private void reopen(String why) {
        List<Sending.Tracked> left = sending.stop(why);
        reportFailures();
        sending.retarget(share.spec());
        sending.open();
        sending.resubmit(left);
        log.note("sending at " + share.applied() + " requests/s (" + why + ")");
    }

    /** Once the outage pause is over: a fresh sink, the held events first, partitions resumed. */
    private boolean endOutage() {
        if (System.nanoTime() < outageUntil) {
            return false;
        }
        outageUntil = 0;
        sending.open();
        sending.resubmit(held);
        held = List.of();
        return true;
    }

    /**
     * Holds the task thread while too many events are unfinished, so memory and the re-send window stay bounded.
     * Blocking, not pausing partitions: a paused consumer sleeps until the next offset commit, which would idle
     * the lanes. Bounded, so the consumer is always polled within Connect's limits.
     */
    private void pace() {
        long end = System.nanoTime() + MAX_HOLD.toNanos();
        while (book.unfinished() > highWater && System.nanoTime() < end && sending.stopped() == null
                && !share.superseded()) {
            try {
                book.awaitAtMost(highWater / 2, 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            reportFailures();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        if (fatal == null) {
            try {
                settle();
            } catch (ConnectException e) {
                // Thrown here, Connect would only rewind and go on; the next put fails the task.
                fatal = e;
            }
        }
        registerMetrics();
        log.every30s(sending.delivered(), book.unfinished());
        offered = new HashMap<>(book.committable(current.keySet()));
        return offered;
    }

    /**
     * Partitions taken away (a rebalance, a stop): the sink is stopped (requests on the wire get their answer),
     * what it held for the other partitions is sent again by a fresh sink, and the taken ones are forgotten: their
     * next holder reads them from the last commit.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (sending == null || partitions.isEmpty()) {
            return;
        }
        drain(partitions);
        if (share.superseded()) {
            retire();
        }
        boolean wasOpen = sending.isOpen();
        List<Sending.Tracked> left = new ArrayList<>(sending.stop("partitions reassigned"));
        left.addAll(held);
        left.removeIf(t -> partitions.contains(t.tp()));
        left.sort(java.util.Comparator.comparingLong(Sending.Tracked::seq));
        reportFailures();
        book.forget(partitions);
        assigned.removeAll(partitions);
        share.hold(assigned.size());
        sending.retarget(share.spec());
        if (outageUntil != 0) {
            held = left;
        } else if (wasOpen) {
            sending.open();
            sending.resubmit(left);
        }
    }

    /**
     * Lets the events of {@code partitions} settle, for {@code cf.drain.timeout} at most (no new record is taken
     * meanwhile: Connect calls this on the task thread), then moves their offsets in the map preCommit returned.
     * On a rebalance or a stop Connect calls preCommit for the partitions going away, then close, and commits that
     * map after close returns (WorkerSinkTask.commitOffsets), so what settled here is committed and not read again.
     */
    private void drain(Collection<TopicPartition> partitions) {
        if (sending.isOpen() && outageUntil == 0) {
            long end = System.nanoTime() + drainTimeout.toNanos();
            try {
                long left;
                while (sending.stopped() == null && !share.superseded()
                        && (left = (end - System.nanoTime()) / 1_000_000) > 0
                        && !book.awaitSettled(partitions, Math.min(left, 100))) {
                    reportFailures();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reportFailures();
        }
        book.committable(partitions).forEach((tp, offset) -> offered.computeIfPresent(tp, (k, v) -> offset));
    }

    @Override
    public void stop() {
        if (metrics != null) {
            metrics.close();
        }
        if (sending != null) {
            sending.stop("the task is stopping");
            log.print(sending.delivered(), book.unfinished());
        }
        if (share != null) {
            share.leave();
        }
    }
}
