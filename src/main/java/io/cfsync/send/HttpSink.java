package io.cfsync.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.Auth;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.Redactor;
import io.cfsync.report.RunStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Sends each delivery's plan to the vendor. Events of one user (any of {@link Delivery#orderKeys()}) go out one at a
 * time, in input order, retries included; different users in parallel, up to {@code --concurrency} requests in
 * flight. {@link #submit} blocks while the queue is full. Every submitted delivery is reported to the listener
 * exactly once: delivered, failed (dead letter) or, when the run stops before it is settled, pending.
 *
 * <p>{@link #submit} is called by one thread (the reader); the rest is thread-safe.
 */
public final class HttpSink implements BatchingSink.Target {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Queued events per unit of concurrency: enough to keep every lane busy, small enough to keep memory flat. */
    private static final int QUEUE_PER_LANE = 128;

    /** A delivery with its submission number and its request bodies, serialized on the reading thread. */
    private record Job(Delivery delivery, long seq, List<byte[]> bodies, io.cfsync.dest.BatchSpec spec,
                       BatchPacker.Batch batch) {
    }

    /** The lane all batches share: one batch in flight at a time keeps every user's order across batches. */
    private static final String BATCH_LANE = "\u0000batches";

    private final SendOptions options;
    private final RunControl control;
    private final DeliveryListener listener;
    private final PrintStream err;
    private final Redactor redactor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Transport transport;
    private final Resilience resilience;
    private final Lanes<Job> lanes;
    private final Progress progress;
    private final SignalStop signals;
    private final RunStats stats;
    private final AtomicLong firstNotAttempted = new AtomicLong(Long.MAX_VALUE);
    private final AtomicReference<String> firstNotAttemptedAt = new AtomicReference<>();
    private final AtomicReference<RuntimeException> error = new AtomicReference<>();
    private long lastStatusAt = System.nanoTime();
    private long lastStatusSent;
    private long seq;
    private boolean closed;

    /**
     * Starts the HTTP client and the sending threads.
     *
     * @param throttleWait the destination's pause after a 429 that names no wait, or null to back off
     * @param rate        requests per second, or {@link SendOptions#UNLIMITED}
     * @param auth        applied to each request right before it is sent
     * @param redactor    guards every text this sink prints or hands on
     * @param verbose     print each failed attempt on {@code err}
     */
    public HttpSink(SendOptions options, Duration throttleWait, double rate, Auth auth, Redactor redactor,
                    RunStats stats, DeliveryListener listener, PrintStream err, boolean verbose,
                    RunControl control) {
        this.options = options;
        this.control = control;
        this.listener = listener;
        this.err = err;
        this.redactor = redactor;
        this.stats = stats;
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "cf-sync-send");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.transport = new Transport(options.concurrency(), options.connectTimeout(), options.timeout(),
                "cf-sync/" + options.version());
        Consumer<String> log = verbose ? line -> err.println("cf-sync: " + redactor.redact(line)) : null;
        this.resilience = new Resilience(options, rate, throttleWait, transport, auth, redactor,
                control, stats, scheduler, log);
        this.lanes = new Lanes<>(options.concurrency(), options.concurrency() * QUEUE_PER_LANE, this::run);
        control.onStop(this::onStop);
        this.progress = Progress.start(options.progress(), err, scheduler, this::status);
        this.signals = options.handleSignals() ? SignalStop.install(control) : null;
    }

    /** Lets tests see every request right before it goes out. */
    void observe(Resilience.Observer observer) {
        resilience.observe(observer);
    }

    @Override
    public void submit(Delivery d) {
        Job job = new Job(d, seq++, bodies(d), null, null);
        if (control.stopping()) {
            notAttempted(job);
            return;
        }
        try {
            if (!lanes.offer(d.orderKeys().isEmpty() ? List.of("") : d.orderKeys(), job)) {
                notAttempted(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.stop(RunControl.Reason.INTERRUPTED, "interrupted");
            notAttempted(job);
        }
    }

    /** Queues a whole batch; its events are reported one by one. */
    @Override
    public void submitBatch(io.cfsync.dest.BatchSpec spec, BatchPacker.Batch batch) {
        Job job = new Job(batch.deliveries().get(0), seq, List.of(), spec, batch);
        seq += batch.size();
        if (control.stopping()) {
            notAttempted(job);
            return;
        }
        try {
            // One batch in flight at a time, each also in its place against deliveries that were not batched.
            if (!lanes.offer(Delivery.orderKeys(BATCH_LANE, batch.deliveries()), job)) {
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
        long deadline = System.nanoTime() + options.maxEventTime().toNanos();
        if (job.batch() != null) {
            new BatchRun(job.spec(), resilience, scheduler, new Reporter(job), options.maxRetries() + 1, deadline)
                    .start(job.batch(), done);
            return;
        }
        new PlanRun(job.delivery(), job.bodies(), resilience, scheduler, new Reporter(job),
                options.maxRetries() + 1, deadline).start(done);
    }

    /** Books a plan's end with the listener; a listener failure (disk full) stops the run instead of vanishing. */
    private final class Reporter implements PlanRun.Ending {
        private final Job job;

        Reporter(Job job) {
            this.job = job;
        }

        @Override
        public void delivered(Delivery d) {
            guard(() -> listener.delivered(d));
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> deliveredAsync(Delivery d) {
            try {
                return listener.deliveredAsync(d).exceptionally(e -> {
                    guard(() -> {
                        throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
                    });
                    return null;
                });
            } catch (RuntimeException e) {
                guard(() -> {
                    throw e;
                });
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
        }

        @Override
        public void failed(Delivery d, Failure f) {
            guard(() -> listener.failed(d, f));
        }

        @Override
        public void pending(Delivery d, boolean sent) {
            long seqNo = job.batch() == null ? job.seq() : job.seq() + job.batch().deliveries().indexOf(d);
            pendingOne(seqNo, d, sent);
        }
    }

    /** A job the run stopped before sending anything of. */
    private void notAttempted(Job job) {
        if (job.batch() == null) {
            pendingOne(job.seq(), job.delivery(), false);
            return;
        }
        List<Delivery> ds = job.batch().deliveries();
        for (int i = 0; i < ds.size(); i++) {
            pendingOne(job.seq() + i, ds.get(i), false);
        }
    }

    private void pendingOne(long seqNo, Delivery d, boolean sent) {
        if (firstNotAttempted.accumulateAndGet(seqNo, Math::min) == seqNo) {
            firstNotAttemptedAt.set(d.file() + ":" + d.line());
        }
        (sent ? stats.interrupted : stats.notAttempted).increment();
        guard(() -> listener.pending(d, sent));
    }

    private void guard(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            if (error.compareAndSet(null, e)) {
                control.stop(RunControl.Reason.OUTPUT, "cannot record outcomes: " + e.getMessage());
            }
        }
    }

    private void onStop() {
        RunControl.Stop s = control.stopped();
        err.println((progress.drawing() ? "\n" : "") + "cf-sync: " + redactor.redact(s.message())
                + "; stopping after the requests in flight");
        for (Job job : lanes.close()) {
            notAttempted(job);
        }
    }

    /** Where the first event left pending was read ({@code file:line}), or null when every event was settled. */
    public String firstPending() {
        return firstNotAttemptedAt.get();
    }

    /** One progress line; the rate is over the time since the previous line. Called by one thread at a time. */
    private String status() {
        long now = System.nanoTime();
        long sent = stats.httpRequests.sum();
        double secs = Math.max(1e-3, (now - lastStatusAt) / 1e9);
        double rate = (sent - lastStatusSent) / secs;
        lastStatusAt = now;
        lastStatusSent = sent;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%,d requests (%,.0f/s), %,d delivered, %,d dead-lettered, %,d queued", sent, rate,
                stats.delivered.sum(), stats.deadLettered.total(), lanes.pending()));
        Duration pause = resilience.pausedFor();
        if (!pause.isZero()) {
            b.append(", paused ").append(Durations.format(pause)).append(" (429)");
        }
        if (resilience.circuitOpen()) {
            b.append(", vendor failing: holding back");
        }
        return b.toString();
    }

    /**
     * Waits until every submitted delivery was reported, then closes the client and the threads. Rethrows a
     * failure to record outcomes (e.g. the dead-letter file could not be written).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lanes.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            progress.stop();
            transport.close();
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
    }
}
