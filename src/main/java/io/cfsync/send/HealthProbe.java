package io.cfsync.send;

import io.cfsync.dest.VendorRequest;
import io.cfsync.send.rate.Pacing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Asks the vendor whether it answers at all, with the destination's check request (the one {@code cf-sync check}
 * sends): the evidence that tells one request the vendor keeps failing from a vendor that fails everyone. The probe
 * goes out like any attempt — same client, credentials, proxy and TLS, and it takes a sending time from the same
 * pacing, so it spends the same rate budget — but once, without retries.
 *
 * <p>The vendor answers when the probe gets a 2xx, or a 4xx other than 408 and 429: its application read the request
 * and judged it (401/403: the key; 404/405: the path), which a vendor that is down does not do. A 5xx, 408, 429, a
 * proxy's own answer, a timeout or a failed connection is no evidence that it answers.
 *
 * <p>No probe storms: at most one probe is on the wire at a time (callers meanwhile share its verdict), and after a
 * verdict no new probe goes out for {@link #SPACING}; callers then get the last verdict, which counts as "answers"
 * only when it was heard after the moment they ask about. A destination without a check request never probes: the
 * answer is always "no evidence". Thread-safe.
 */
final class HealthProbe {
    /** The least time between two probes, from one verdict to the next probe. */
    static final Duration SPACING = Duration.ofSeconds(5);

    /** Sends the check request once and completes with what came of it; never fails. */
    interface Sender {
        CompletableFuture<AttemptResult> send();
    }

    private final Sender sender;
    private final LongSupplier nanoTime;
    private final Consumer<String> log;
    /** The probe on the wire, or null. Guarded by this, like the last verdict below. */
    private CompletableFuture<Boolean> inFlight;
    private boolean heardAny;
    private long lastAt;
    private boolean lastAnswered;

    /**
     * @param sender   sends the check request, or null when the destination has none
     * @param nanoTime the monotonic clock
     * @param log      where verbose lines go, or null
     */
    HealthProbe(Sender sender, LongSupplier nanoTime, Consumer<String> log) {
        this.sender = sender;
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /**
     * A probe that sends {@code check} (null: none) through {@code wire}, taking its sending time from
     * {@code pacing}; it is not sent once {@code control} is stopping.
     */
    static HealthProbe of(VendorRequest check, Wire wire, Pacing pacing, ScheduledExecutorService scheduler,
                          RunControl control, Consumer<String> log) {
        if (check == null) {
            return new HealthProbe(null, System::nanoTime, log);
        }
        byte[] body = check.body() == null ? null : check.body().toString().getBytes(StandardCharsets.UTF_8);
        Attempts probe = new Attempts(check, body, false, Long.MAX_VALUE);
        PacedOnce paced = new PacedOnce(probe, wire, pacing, scheduler, control);
        return new HealthProbe(paced::send, System::nanoTime, log == null ? null
                : line -> log.accept(check.method() + " " + check.url() + " (the destination's check request): "
                        + line));
    }

    /**
     * Completes with true when the vendor answered a probe heard after {@code since} (a {@link System#nanoTime()}
     * reading), false when it did not or no probe may be sent now. Never fails.
     */
    CompletableFuture<Boolean> answeredSince(long since) {
        if (sender == null) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> mine;
        synchronized (this) {
            if (inFlight != null) {
                return inFlight;
            }
            if (heardAny && nanoTime.getAsLong() - lastAt < SPACING.toNanos()) {
                return CompletableFuture.completedFuture(lastAnswered && lastAt - since > 0);
            }
            mine = new CompletableFuture<>();
            inFlight = mine;
        }
        // Outside the lock: a sender that completes at once would otherwise find the probe still "on the wire".
        CompletableFuture<AttemptResult> sent;
        try {
            sent = sender.send();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((o, ex) -> {
            boolean answered = ex == null && answers(o);
            if (log != null) {
                log.accept((o != null ? o.describe() : "no answer") + (answered ? ": the vendor answers"
                        : ": no sign that the vendor answers"));
            }
            synchronized (this) {
                heardAny = true;
                lastAt = nanoTime.getAsLong();
                lastAnswered = answered;
                inFlight = null;
            }
            mine.complete(answered);
        });
        return mine;
    }

    /** Whether {@code o} shows the vendor's application at work: see the class comment. */
    static boolean answers(AttemptResult o) {
        int s = o.status();
        return o.sent() && o.problem() == null
                && (s >= 200 && s < 300 || s >= 400 && s < 500 && s != 408 && s != 429);
    }

    /** Sends one request once, at a sending time from the pacing and within its hard ceiling. */
    private record PacedOnce(Attempts probe, Wire wire, Pacing pacing, ScheduledExecutorService scheduler,
                             RunControl control) {
        CompletableFuture<AttemptResult> send() {
            long wait = pacing.reserve(System.nanoTime());
            return wait <= 0 ? onTurn() : later(wait);
        }

        private CompletableFuture<AttemptResult> onTurn() {
            if (control.stopping()) {
                return CompletableFuture.completedFuture(AttemptResult.notSent(AttemptResult.Kind.STOPPED));
            }
            long now = System.nanoTime();
            long full = pacing.admit(now);
            if (full > 0) {
                return later(full);
            }
            return wire.send(probe, 1, now).thenApply(o -> {
                Pacing.Answer heard;
                synchronized (probe) {
                    heard = probe.heard;
                }
                pacing.answered(heard); // a 429 here slows the rate like any other; the probe itself is not retried
                return o;
            });
        }

        private CompletableFuture<AttemptResult> later(long nanos) {
            return Later.run(scheduler, nanos, this::onTurn, AttemptResult.notSent(AttemptResult.Kind.STOPPED));
        }
    }
}
