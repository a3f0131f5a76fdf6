package io.cfsync.send;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Policy;
import dev.failsafe.RetryPolicy;
import io.cfsync.send.rate.Pacing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends one request of a plan until it has an answer that settles it: the one place where Failsafe policies are
 * composed; the pieces it consults live in their own classes: {@link Pause} (the destination-wide pause after a
 * 429), {@link Pacing} (sending times, the hard ceiling at the instant of sending, and whether a 429 pauses the
 * destination or only its own request), {@link GiveUpClock} ({@code --give-up-after}), {@link Blame} (whose fault
 * used-up tries are, asking the vendor's check request through {@link HealthProbe}), {@link Waiting} (dropping
 * waiting requests on a stop) and {@link Wire} (one attempt on the wire). Thread-safe.
 *
 * <p>Composition, outside in: <b>retry</b> → <b>circuit breaker</b> → <b>pacing</b> → attempt.
 * <ul>
 *   <li>Retry is outermost so every attempt, including each retry, passes the breaker and pays for a permit. It
 *       retries what {@link Classifier} marks retryable (408, 429, 5xx, timeouts, connection failures) with
 *       exponential backoff and jitter, honours the vendor's wait (Retry-After, x-ratelimit-reset, the
 *       destination's 429 default; at most {@link WaitCap#LONGEST}), and never gives up on an attempt that was
 *       not sent (destination paused, circuit open): only sent attempts count against {@code --max-retries}.</li>
 *   <li>There is one retry budget, {@code --max-retries}, counted in attempts <em>sent</em> ({@link Attempts#sent})
 *       and decided in {@link #settle}. A request out of tries on server trouble still tries again when
 *       {@link Blame} finds the whole vendor at fault: no answer settled anyone's request since its first attempt
 *       and the vendor's check request gets no answer either (an outage is not its event's fault;
 *       {@link GiveUpClock} ends the run then, leaving it pending); {@link FirstContact} stops the run when the
 *       vendor was never reached.
 *       Failsafe's own retry count is left unlimited on purpose: it counts every
 *       execution, including the ones held back by a pause, the hard ceiling or the open circuit, which send
 *       nothing and must not use the budget up. Failsafe bounds only the time ({@code --max-event-time}).</li>
 *   <li>The circuit breaker sits between them so that, while it is open, waiting requests are turned away before
 *       they take a permit; it counts only server trouble (5xx, timeouts, connection failures), not 4xx or 429.</li>
 *   <li>The pacing is innermost and smooth: every attempt reserves a sending time ({@link Pacing#reserve}), never
 *       in bursts. It is not a Failsafe policy because its rate changes during the run.</li>
 * </ul>
 * Around the sending time, two checks may hold a request back without sending it (this does not count as an
 * attempt): the destination-wide pause after a 429 (the request is retried when it ends), and {@link Pacing#admit},
 * which makes {@code --rate} a hard ceiling at the instant of sending (the request waits in place until it allows).
 *
 * <p>A 429 makes its own request wait what the vendor named (else the destination's default, else backoff), which
 * holds that user's later events too; the whole destination pauses only when the pacing says 429s are more than a
 * trickle (with a fixed rate, {@code --no-adaptive-rate}, on every 429).
 */
final class Resilience {
    /** Failsafe jitters every delay by up to this fraction, either way. */
    private static final double JITTER = 0.2;
    private static final Duration BASE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(60);
    private static final Duration MIN_HOLD = Duration.ofMillis(500);
    private static final Duration CIRCUIT_DELAY = Duration.ofSeconds(5);
    /** A delay function's way of saying "use the configured backoff" (Failsafe ignores negative delays). */
    private static final Duration BACKOFF = Duration.ofNanos(-1);
    /** Why a request out of tries is dead-lettered though the vendor served no one else meanwhile. */
    static final String CHECKED = "the vendor answered its check request meanwhile, so the failure is this "
            + "request's own";

    private final SinkTuning options;
    private final Wire wire;
    private final Pause pause;
    private final RunControl control;
    private final Consumer<String> log;
    private final GiveUpClock giveUp;
    private final FirstContact contact;
    private final Waiting waiting;
    private final Blame blame;
    private final CircuitBreaker<AttemptResult> breaker;
    private final Pacing pacing;
    private final ScheduledExecutorService scheduler;
    private final FailsafeExecutor<AttemptResult> failsafe;

    /**
     * The vendor as attempts reach it.
     *
     * @param wire  puts attempts on the wire
     * @param check the destination's check request, or null when it has none: see {@link HealthProbe}
     */
    record Reach(Wire wire, io.cfsync.dest.VendorRequest check) {
    }

    /**
     * What holds an attempt back before it goes out.
     *
     * @param pause  the destination-wide pause after a 429
     * @param pacing the sink's pacing (closed by the sink, not here)
     */
    record Holds(Pause pause, Pacing pacing) {
    }

    /** @param log where verbose lines go, or null */
    Resilience(SinkTuning options, Reach reach, Holds holds, RunControl control, ScheduledExecutorService scheduler,
               Consumer<String> log) {
        this.options = options;
        this.scheduler = scheduler;
        this.wire = reach.wire();
        this.pause = holds.pause();
        this.control = control;
        this.log = log;
        this.pacing = holds.pacing();
        this.giveUp = new GiveUpClock(options.giveUpAfter(), control, System::nanoTime);
        this.waiting = new Waiting(control);
        this.contact = new FirstContact(control);
        this.blame = new Blame(giveUp, HealthProbe.of(reach.check(), wire, pacing, scheduler, control, log));
        RetryPolicy<AttemptResult> retry = RetryPolicy.<AttemptResult>builder()
                .handleIf((o, ex) -> ex instanceof CircuitBreakerOpenException || (o != null && o.again()))
                .abortIf((o, ex) -> control.stopping())
                .withMaxRetries(-1) // the budget is counted in attempts sent: see the class comment
                .withMaxDuration(options.timeouts().event())
                .withBackoff(BASE_DELAY, MAX_DELAY)
                .withJitter(JITTER)
                .withDelayFn(this::delay)
                .build();
        breaker = CircuitBreaker.<AttemptResult>builder()
                .handleResultIf(AttemptResult::serverTrouble)
                .withFailureThreshold(15, 20)
                .withSuccessThreshold(2, 3)
                .withDelay(CIRCUIT_DELAY)
                .build();
        List<Policy<AttemptResult>> policies = new ArrayList<>(List.of(retry, breaker));
        failsafe = Failsafe.with(policies).with(new InlineScheduler(scheduler));
        scheduler.scheduleWithFixedDelay(giveUp::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Sends {@code a} until settled. The future never fails: a stop shows as {@link AttemptResult.Kind#STOPPED}. */
    CompletableFuture<AttemptResult> send(Attempts a) {
        CompletableFuture<AttemptResult> f = failsafe.getStageAsync(() -> attempt(a));
        waiting.add(a, f);
        return f.handle((o, ex) -> {
            waiting.remove(a);
            if (o != null) {
                return o;
            }
            if (control.stopping()) {
                return AttemptResult.notSent(AttemptResult.Kind.STOPPED);
            }
            if (unwrap(ex) instanceof CircuitBreakerOpenException) {
                // Held back by the open circuit until --max-event-time ran out.
                return wire.classifier().withAgain(AttemptResult.held(breaker.getRemainingDelay()), false);
            }
            // Not an answer and not a stop: a fault in the sender itself. Say so rather than guess.
            return AttemptResult.of(AttemptResult.Kind.PERMANENT, 0)
                    .withProblem("internal-error", wire.classifier().text(ex));
        });
    }

    /** Whether the run is stopping: answers that end a request now are not verdicts on its event. */
    boolean stopping() {
        return control.stopping();
    }

    /** Attempts one request may send at most: the one retry budget. */
    int maxAttempts() {
        return options.maxAttempts();
    }

    /** How much longer the destination is paused by a 429 (zero when it is not). */
    Duration pausedFor() {
        return pause.left();
    }

    boolean circuitOpen() {
        return !breaker.isClosed();
    }

    /** The pacing, for the progress line. */
    Pacing pacing() {
        return pacing;
    }

    /**
     * Takes a sending time from the pacing (unless the request cannot go anyway) and sends then, unless the run
     * stops, the event runs out of time, or a pause or the hard ceiling holds it back.
     */
    private CompletableFuture<AttemptResult> attempt(Attempts a) {
        AttemptResult early = holdBack(a, System.nanoTime());
        if (early != null) {
            return CompletableFuture.completedFuture(early);
        }
        long wait = pacing.reserve(System.nanoTime());
        return wait <= 0 ? onTurn(a) : Later.run(scheduler, wait, () -> onTurn(a),
                AttemptResult.notSent(AttemptResult.Kind.STOPPED));
    }

    /** Why {@code a} cannot be sent at {@code now} (a stop, its time is up, the destination is paused), or null. */
    private AttemptResult holdBack(Attempts a, long now) {
        if (control.stopping()) {
            return AttemptResult.notSent(AttemptResult.Kind.STOPPED);
        }
        if (now - a.deadline > 0) {
            return AttemptResult.notSent(AttemptResult.Kind.EXPIRED);
        }
        Duration paused = pause.left();
        return paused.isZero() ? null : AttemptResult.held(paused);
    }

    /**
     * At the request's sending time: sends it unless it is held back. When the hard ceiling is reached it waits in
     * place until the ceiling allows it: going back to the pacing for a new time would give away the time already
     * reserved, one for every scheduling delay, and the rate would fall short of {@code --rate}.
     */
    private CompletableFuture<AttemptResult> onTurn(Attempts a) {
        int attempt;
        long now;
        long full;
        synchronized (a) {
            now = System.nanoTime();
            AttemptResult held = holdBack(a, now);
            if (held != null) {
                return CompletableFuture.completedFuture(held);
            }
            full = pacing.admit(now);
            attempt = full > 0 ? 0 : admitted(a, now);
        }
        if (attempt == 0) {
            return Later.run(scheduler, full, () -> onTurn(a), AttemptResult.notSent(AttemptResult.Kind.STOPPED));
        }
        // Heard before blamed: the pacing holds every other request back until it hears the run's first answer.
        return wire.send(a, attempt, now).thenApply(o -> heard(a, o))
                .thenCompose(o -> blame(a, o).thenApply(f -> settle(a, o, f)));
    }

    /** Marks {@code a} as on the wire and returns its attempt number. Caller holds {@code a}'s monitor. */
    private int admitted(Attempts a, long now) {
        a.onWire = true;
        int attempt = ++a.sent;
        if (attempt == 1) {
            a.servedBefore = giveUp.served();
            a.firstSentAt = now;
        }
        return attempt;
    }

    /**
     * Whose fault {@code a}'s used-up tries are, when {@code o} used up the last one on server trouble; else
     * {@link Blame.Fault#OWN}, which then decides nothing.
     */
    private CompletableFuture<Blame.Fault> blame(Attempts a, AttemptResult o) {
        long servedBefore;
        long firstSentAt;
        synchronized (a) {
            if (!o.serverTrouble() || a.sent < maxAttempts() || control.stopping()) {
                return CompletableFuture.completedFuture(Blame.Fault.OWN);
            }
            servedBefore = a.servedBefore;
            firstSentAt = a.firstSentAt;
        }
        return blame.judge(servedBefore, firstSentAt);
    }

    /** Books an answer everywhere it counts (give-up clock, pacing, pause, stops); returns it as the run treats it. */
    private AttemptResult heard(Attempts a, AttemptResult o) {
        o = WaitCap.apply(o, wire.classifier(), a.request.method() + " " + a.request.url(), log);
        giveUp.heard(o);
        boolean unreached;
        Pacing.Answer heard;
        synchronized (a) {
            unreached = a.unreached;
            heard = a.heard;
        }
        boolean storm = pacing.answered(heard);
        contact.heard(o, unreached, a.request.url()); // may stop the run: not while holding a's monitor
        if (o.status() == 429) {
            // The request waits in any case; the whole destination only when the pacing says so.
            Duration wait = pause.waitFor(o.retryAfter());
            if (storm) {
                pause.extend(wait != null ? wait : Pause.FALLBACK);
            }
            o = wire.classifier().withWait(o, wait);
        }
        if (o.kind() == AttemptResult.Kind.REFUSED) {
            control.stop(o.status() != 0 ? RunControl.Reason.CREDENTIALS : RunControl.Reason.TLS,
                    Classifier.PROXY.equals(o.problem()) ? o.detail()
                            : o.status() != 0 ? "the vendor refused the credentials (" + o.describe() + ")"
                            : "the vendor's TLS certificate could not be verified at "
                                    + FirstContact.origin(a.request.url()) + " (" + o.describe() + ")");
        }
        return o;
    }

    /** Decides whether {@code a} is tried again after {@code o}, {@code fault} being whose fault used-up tries are. */
    private AttemptResult settle(Attempts a, AttemptResult o, Blame.Fault fault) {
        int sent;
        boolean again;
        synchronized (a) {
            sent = a.sent;
            again = o.kind() == AttemptResult.Kind.RETRYABLE
                    && (sent < maxAttempts() || fault == Blame.Fault.VENDOR) && !control.stopping();
            a.ownPerCheck = !again && fault == Blame.Fault.OWN_CHECKED;
            o = wire.classifier().withAgain(o, again);
            a.onWire = false;
            a.last = o;
        }
        if (log != null && o.kind() != AttemptResult.Kind.OK && o.kind() != AttemptResult.Kind.NOT_FOUND) {
            log.accept(a.request.method() + " " + a.request.url() + ": " + o.describe() + next(again, sent, fault));
        }
        return o;
    }

    /** What happens after an attempt that was not a success, for --verbose. */
    private String next(boolean again, int sent, Blame.Fault fault) {
        if (!again) {
            return fault == Blame.Fault.OWN_CHECKED ? "; " + CHECKED : "";
        }
        return sent < maxAttempts() ? "; will retry (" + sent + " of "
                + io.cfsync.report.Plural.count(maxAttempts(), "attempt") + " made)"
                : "; will retry: the vendor has answered no one since this request's first attempt";
    }

    /** The wait before the next try, or {@link #BACKOFF} for Failsafe's jittered exponential backoff. */
    private Duration delay(ExecutionContext<AttemptResult> ctx) {
        Throwable ex = ctx.getLastException();
        Duration wait;
        AttemptResult o = ctx.getLastResult();
        if (ex instanceof CircuitBreakerOpenException) {
            // Half-open with every probe slot taken reports no delay at all: wait a little anyway.
            wait = max(breaker.getRemainingDelay(), MIN_HOLD);
        } else if (o != null && o.kind() == AttemptResult.Kind.HELD) {
            wait = max(o.retryAfter(), Duration.ofMillis(1));
        } else {
            wait = o == null || o.retryAfter() == null ? null : max(o.retryAfter(), MIN_HOLD);
        }
        // Failsafe then jitters by ±JITTER; scaling first keeps even the shortest draw at the wait asked for.
        return wait == null ? BACKOFF : Duration.ofNanos((long) (wait.toNanos() / (1 - JITTER)));
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
