package io.cfsync.send;

import io.cfsync.report.Console;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.Progress;
import io.cfsync.report.RunStats;
import io.cfsync.report.Snapshot;
import io.cfsync.send.rate.Clocks;
import io.cfsync.send.rate.Pacing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends each delivery's plan to the vendor. Events of one user (any of {@link Delivery#orderKeys()}) go out one at a
 * time, in input order, retries included; different users in parallel, up to {@code --concurrency} requests in
 * flight. {@link #submit} blocks while the queue is full. Every submitted delivery is reported to the listener
 * exactly once: delivered, failed (dead letter) or, when the run stops before it is settled, pending. A listener
 * that throws (e.g. a full disk) stops the run, and {@link #finish} rethrows its failure.
 *
 * <p>{@link #submit} is called by one thread (the reader); the rest is thread-safe. Made by {@link Sinks}.
 */
final class HttpSink implements BatchingSink.Target, BulkingSink.Target {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Queued events per unit of concurrency: enough to keep every lane busy, small enough to keep memory flat. */
    private static final int QUEUE_PER_LANE = 128;
    /** The lane all batches share: one batch in flight at a time keeps every user's order across batches. */
    private static final String BATCH_LANE = "\u0000batches";
    private static final CompletableFuture<Void> BOOKED = CompletableFuture.completedFuture(null);

    /** A delivery (or a batch) with its submission number and its request bodies, made on the reading thread. */
    private record Job(Delivery delivery, long seq, List<byte[]> bodies, BatchSpec spec, BatchPacker.Batch batch,
                       BulkPack bulk) {
        Job(Delivery delivery, long seq, List<byte[]> bodies, BatchSpec spec, BatchPacker.Batch batch) {
            this(delivery, seq, bodies, spec, batch, null);
        }

        /** The submission number of {@code d}, one of this job's events. */
        long seqOf(Delivery d) {
            return seq + deliveries().indexOf(d);
        }

        List<Delivery> deliveries() {
            return bulk != null ? bulk.deliveries() : batch == null ? List.of(delivery) : batch.deliveries();
        }
    }

    private final SinkTuning options;
    private final Console console;
    private final RunControl control;
    private final DeliveryListener listener;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Transport transport;
    private final Wire wire;
    private final Pacing pacing;
    private final Resilience resilience;
    private final Lanes<Job> lanes;
    private volatile Progress progress;
    private final SignalStop signals;
    private final RunStats stats;
    private final AtomicLong firstPendingSeq = new AtomicLong(Long.MAX_VALUE);
    private final AtomicReference<String> firstPendingAt = new AtomicReference<>();
    private final AtomicReference<RuntimeException> error = new AtomicReference<>();
    /** Events submitted and not reported to the listener yet. */
    private final AtomicLong open = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final BulkJobs bulkJobs;
    private final BulkSeen bulkSeen = new BulkSeen(this::say);
    private volatile io.cfsync.dest.BulkSpec bulkSpec;
    private long seq;
    private volatile boolean closed;

    /** Starts the HTTP client and the sending threads; {@code spec} must be a sending one. */
    HttpSink(SinkSpec spec, RunStats stats, RunControl control, DeliveryListener listener) {
        this.options = spec.send();
        this.console = spec.console();
        this.control = control;
        this.listener = listener;
        this.bulkJobs = listener.bulkJobs();
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "cf-sync-send");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        SinkTuning.Timeouts timeouts = options.timeouts();
        this.transport = new Transport(options.concurrency(), timeouts.connect(), timeouts.response(),
                options.userAgent(), options.network());
        if (spec.console().verbose()) {
            transport.logRoutes(line -> say("cf-sync: " + line));
        }
        this.stats = stats;
        this.pacing = PacingSetup.of(options, spec.vendor().rateHeadersWindow(), Clocks.SYSTEM,
                line -> say("cf-sync: " + line), console.verbose() ? line -> say("cf-sync: " + line) : null);
        this.wire = new Wire(transport, spec.vendor().auth(), new Classifier(console.redactor()), stats);
        this.resilience = new Resilience(options, new Resilience.Reach(wire, spec.vendor().check()),
                new Resilience.Holds(new Pause(spec.vendor().throttleWait(), timeouts.event()), pacing), control,
                scheduler, console.verbose() ? line -> say("cf-sync: " + line) : null);
        this.lanes = new Lanes<>(options.concurrency(), options.concurrency() * QUEUE_PER_LANE, this::run);
        control.onStop(this::onStop);
        this.progress = Progress.start(console, scheduler, () -> Snapshot.take(stats, console.input().now(),
                sending(), (System.nanoTime() - startNanos) / 1_000_000));
        this.signals = console.handleSignals() ? SignalStop.install(control) : null;
    }

    @Override
    public Snapshot.Sending sending() {
        return SendingFigures.of(resilience, open.get(), closed);
    }

    /** Lets tests see every request right before it goes out. */
    void observe(Wire.Observer observer) {
        wire.observe(observer);
    }

    @Override
    public void submit(Delivery d) {
        queue(d.orderKeys().isEmpty() ? List.of("") : d.orderKeys(), new Job(d, seq++, bodies(d), null, null));
    }

    /** Queues a whole batch; its events are reported one by one. */
    @Override
    public void submitBatch(BatchSpec spec, BatchPacker.Batch batch) {
        Job job = new Job(batch.deliveries().get(0), seq, List.of(), spec, batch);
        seq += batch.size();
        // One batch in flight at a time, each also in its place against deliveries that were not batched.
        queue(Delivery.orderKeys(BATCH_LANE, batch.deliveries()), job);
    }

    /** Queues a bulk job, ordered against every earlier event of each of its users. */
    @Override
    public void submitBulk(io.cfsync.dest.BulkSpec spec, BulkPack pack) {
        bulkSpec = spec;
        Job job = new Job(pack.deliveries().get(0), seq, List.of(), null, null, pack);
        seq += pack.size();
        queue(Delivery.orderKeys("\u0000bulk:" + seq, pack.deliveries()), job);
    }

    private void queue(List<String> keys, Job job) {
        open.addAndGet(job.deliveries().size());
        if (control.stopping()) {
            notAttempted(job);
            return;
        }
        try {
            if (!lanes.offer(keys, job)) {
                notAttempted(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.stop(RunControl.Reason.INTERRUPTED, "interrupted");
            notAttempted(job);
        }
    }

    private static List<byte[]> bodies(Delivery d) {
        List<byte[]> out = new ArrayList<>(d.requests().size());
        for (VendorRequest r : d.requests()) {
            try {
                out.add(r.body() == null ? null : MAPPER.writeValueAsBytes(r.body()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialize a request body", e);
            }
        }
        return out;
    }

    private void run(Job job, Runnable done) {
        long deadline = System.nanoTime() + options.timeouts().event().toNanos();
        Verdict.Book book = (d, v) -> book(job, d, v);
        if (job.bulk() != null) {
            new BulkRun(new BulkRun.Context(bulkSpec, resilience, scheduler, bulkJobs, bulkSeen,
                    options.timeouts().event().toNanos()), book, job.bulk()).start(done);
        } else if (job.batch() != null) {
            new BatchRun(job.spec(), resilience, scheduler, book, deadline).start(job.batch(), done);
        } else {
            new PlanRun(job.delivery(), job.bodies(), resilience, scheduler, book, deadline).start(done);
        }
    }

    /**
     * The one path from a verdict to the listener: remembers the first pending event, and turns a listener failure
     * (disk full) into a stop instead of letting it vanish on a sender thread.
     */
    private CompletableFuture<Void> book(Job job, Delivery d, Verdict v) {
        open.decrementAndGet();
        if (v.pending()) {
            pending(job.seqOf(d), d, v.sent());
            return BOOKED;
        }
        try {
            if (v.failure() != null) {
                listener.failed(d, v.failure());
                return BOOKED;
            }
            return listener.deliveredAsync(d).exceptionally(e -> {
                cannotRecord(e instanceof RuntimeException re ? re : new IllegalStateException(e));
                return null;
            });
        } catch (RuntimeException e) {
            cannotRecord(e);
            return BOOKED;
        }
    }

    /** A job the run stopped before sending anything of. */
    private void notAttempted(Job job) {
        for (Delivery d : job.deliveries()) {
            open.decrementAndGet();
            pending(job.seqOf(d), d, false);
        }
    }

    private void pending(long seqNo, Delivery d, boolean sent) {
        if (firstPendingSeq.accumulateAndGet(seqNo, Math::min) == seqNo) {
            firstPendingAt.set(d.file() + ":" + d.line());
        }
        try {
            listener.pending(d, sent);
        } catch (RuntimeException e) {
            cannotRecord(e);
        }
    }

    private void cannotRecord(RuntimeException e) {
        if (error.compareAndSet(null, e)) {
            control.stop(RunControl.Reason.OUTPUT, "cannot record outcomes: " + e.getMessage());
        }
    }

    private void onStop() {
        RunControl.Stop s = control.stopped();
        // The time box is a planned end, not an error: --quiet keeps it to itself.
        if (s.reason() != RunControl.Reason.TIME_BOX || !console.quiet()) {
            say("cf-sync: " + s.message() + "; stopping after the requests in flight (at most "
                    + io.cfsync.report.Durations.format(RunControl.GRACE) + ")");
        }
        for (Job job : lanes.close()) {
            notAttempted(job);
        }
        StopGrace.start(transport, scheduler, this::say);
    }

    /** A line on stderr, redacted, that does not run into the progress bar. */
    private void say(String line) {
        Progress p = progress;
        if (p != null) {
            p.println(line);
        } else {
            console.err().println(console.redactor().redact(line));
        }
    }

    /**
     * Waits until every submitted delivery was reported, then closes the client and the threads. Rethrows a
     * failure to record outcomes (e.g. the dead-letter file could not be written) as {@link OutputException}.
     */
    @Override
    public SinkResult finish() {
        if (closed) {
            return result();
        }
        closed = true;
        try {
            lanes.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stats.rate.set(pacing.figures());
            progress.stop();
            transport.close();
            pacing.close();
            scheduler.shutdownNow();
            if (signals != null) {
                signals.close();
            }
        }
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException e = error.get();
        if (e != null) {
            throw e instanceof OutputException o ? o : new OutputException(e.getMessage(), e);
        }
        return result();
    }

    private SinkResult result() {
        return new SinkResult(firstPendingAt.get(), control.stopped());
    }

    @Override
    public void close() {
        finish();
    }
}
