package io.cfsync.connect;

import io.cfsync.report.Version;
import io.cfsync.dest.Configured;
import io.cfsync.dest.SettingsException;
import io.cfsync.pipeline.Pipeline;
import io.cfsync.pipeline.RecordPlanner;
import io.cfsync.report.Redactor;
import io.cfsync.send.Console;
import io.cfsync.report.Durations;
import io.cfsync.send.RunControl;
import io.cfsync.send.SinkSpec;
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
 * One task of {@link CfSyncSinkConnector}. Each record is decoded, validated and translated as a line of a file
 * would be, and its requests go to the send layer's HTTP sink: a user's events one at a time in offset order (a
 * retrying event holds up only its own user), different users in parallel. Offsets are committed only up to
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
    /** Why the task must fail; kept, so that every later call fails the same way. */
    private ConnectException fatal;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ConnectorConfig.Parsed cfg = ConnectorConfig.parse(props);
        Configured dest;
        try {
            dest = cfg.destination().configure(cfg.settings());
        } catch (SettingsException e) {
            throw new ConnectException(e.getMessage());
        }
        List<io.cfsync.dest.Secret> secrets = new ArrayList<>(cfg.settings().secrets());
        secrets.add(dest.auth().secret());
        cfg.options().network().proxies().secrets().forEach(p -> secrets.add(io.cfsync.dest.Secret.of(p)));
        String budgetPassword = io.cfsync.send.SharedBudget.password(cfg.options());
        if (budgetPassword != null) {
            secrets.add(io.cfsync.dest.Secret.of(budgetPassword));
        }
        redactor = new Redactor(secrets);
        planner = new RecordPlanner(new Pipeline.Target(cfg.destination(), dest.translator(), dest.prePass()));
        // One request per event: a batch would settle many records' offsets on one answer.
        SinkSpec.Vendor vendor = new SinkSpec.Vendor(cfg.destination().name(), dest.auth(),
                dest.limits().pauseAfter429(), null);
        book = new OffsetBook();
        sending = new Sending(SinkSpec.sending(vendor, cfg.options(), Console.quiet(System.err, redactor)), book);
        sending.open();
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
        log = new TaskLog(Integer.parseInt(props.getOrDefault(ConnectorConfig.TASK_ID, "0")));
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (fatal != null) {
            throw fatal;
        }
        try {
            settle();
            if (outageUntil != 0 && !endOutage()) {
                // Connect waits this long, then hands the same records back; none of them was taken.
                long waitMillis = Math.max(1, (outageUntil - System.nanoTime()) / 1_000_000);
                context.timeout(waitMillis);
                throw new RetriableException("the vendor is down; trying again in "
                        + Durations.format(Duration.ofMillis(waitMillis)));
            }
            for (SinkRecord r : records) {
                take(r);
            }
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
        List<RecordPlanner.Planned> plans;
        try {
            plans = planner.plan(source, r.kafkaOffset(), RecordValues.bytes(r.value()));
        } catch (IllegalArgumentException e) {
            plans = List.of(new RecordPlanner.Invalid(null, "unreadable-record", e.getMessage()));
        }
        int sends = 0;
        for (RecordPlanner.Planned p : plans) {
            if (p instanceof RecordPlanner.Send) {
                sends++;
            }
        }
        book.add(tp, r.kafkaOffset(), sends);
        for (RecordPlanner.Planned p : plans) {
            if (p instanceof RecordPlanner.Send s) {
                sending.submit(tp, r, s.delivery());
            } else if (p instanceof RecordPlanner.Invalid inv) {
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
        while (book.unfinished() > highWater && System.nanoTime() < end && sending.stopped() == null) {
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
        boolean wasOpen = sending.isOpen();
        List<Sending.Tracked> left = new ArrayList<>(sending.stop("partitions reassigned"));
        left.addAll(held);
        left.removeIf(t -> partitions.contains(t.tp()));
        left.sort(java.util.Comparator.comparingLong(Sending.Tracked::seq));
        reportFailures();
        book.forget(partitions);
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
                while (sending.stopped() == null && (left = (end - System.nanoTime()) / 1_000_000) > 0
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
        if (sending != null) {
            sending.stop("the task is stopping");
            log.print(sending.delivered(), book.unfinished());
        }
    }
}
