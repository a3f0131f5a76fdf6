package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class HealthProbeTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicReference<AttemptResult> answer = new AtomicReference<>(status(200));

    private static AttemptResult status(int s) {
        AttemptResult.Kind kind = s >= 500 || s == 429 || s == 408 ? AttemptResult.Kind.RETRYABLE
                : s == 401 || s == 403 ? AttemptResult.Kind.REFUSED
                : s >= 300 ? AttemptResult.Kind.PERMANENT : AttemptResult.Kind.OK;
        return AttemptResult.of(kind, s);
    }

    private HealthProbe probe() {
        return new HealthProbe(() -> {
            probes.incrementAndGet();
            return CompletableFuture.completedFuture(answer.get());
        }, now::get, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 204, 400, 401, 403, 404, 405, 422})
    void anAnswerFromTheVendorsApplicationShowsItAnswers(int s) {
        assertTrue(HealthProbe.answers(status(s)));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 429, 301, 307})
    void serverTroubleThrottlingAndRedirectsShowNothing(int s) {
        assertFalse(HealthProbe.answers(status(s)));
    }

    @Test
    void noAnswerAndAProxysOwnAnswerShowNothing() {
        assertFalse(HealthProbe.answers(AttemptResult.of(AttemptResult.Kind.RETRYABLE, 0)
                .withProblem("timeout", "no answer within 30s")));
        assertFalse(HealthProbe.answers(AttemptResult.of(AttemptResult.Kind.RETRYABLE, 403)
                .withProblem(Classifier.PROXY, "the proxy refused the tunnel")));
        assertFalse(HealthProbe.answers(AttemptResult.notSent(AttemptResult.Kind.STOPPED)));
    }

    @Test
    void aDestinationWithoutACheckRequestNeverProbes() {
        HealthProbe none = new HealthProbe(null, now::get, null);
        assertFalse(none.answeredSince(now.get() - SECOND).join());
    }

    @Test
    void withinTheSpacingTheLastVerdictStandsAndCountsOnlyForRequestsFirstSentBeforeIt() {
        HealthProbe p = probe();
        long firstSent = now.get() - 10 * SECOND;
        assertTrue(p.answeredSince(firstSent).join());
        now.addAndGet(HealthProbe.SPACING.toNanos() - 1);
        assertTrue(p.answeredSince(firstSent).join(), "heard after this request's first attempt");
        assertFalse(p.answeredSince(now.get() - SECOND).join(), "heard before this request's first attempt");
        assertEquals(1, probes.get(), "no second probe within the spacing");
        now.addAndGet(1);
        answer.set(status(503));
        assertFalse(p.answeredSince(now.get() - SECOND).join());
        assertEquals(2, probes.get(), "probes again once the spacing passed");
    }

    @Test
    void callersWhileAProbeIsOnTheWireShareIt() {
        CompletableFuture<AttemptResult> onWire = new CompletableFuture<>();
        HealthProbe p = new HealthProbe(() -> {
            probes.incrementAndGet();
            return onWire;
        }, now::get, null);
        CompletableFuture<Boolean> first = p.answeredSince(now.get() - SECOND);
        CompletableFuture<Boolean> second = p.answeredSince(now.get() - SECOND);
        assertFalse(first.isDone());
        onWire.complete(status(404));
        assertTrue(first.join() && second.join());
        assertEquals(1, probes.get());
    }

    @Test
    void aSenderThatThrowsIsNoEvidenceAndDoesNotBlockLaterProbes() {
        HealthProbe p = new HealthProbe(() -> {
            if (probes.incrementAndGet() == 1) {
                throw new IllegalStateException("closing");
            }
            return CompletableFuture.completedFuture(status(200));
        }, now::get, null);
        assertFalse(p.answeredSince(now.get() - SECOND).join());
        now.addAndGet(HealthProbe.SPACING.toNanos());
        assertTrue(p.answeredSince(now.get() - SECOND).join());
        assertEquals(2, probes.get());
    }

    @Test
    void verboseLinesSayWhatTheProbeFound() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        HealthProbe p = new HealthProbe(() -> CompletableFuture.completedFuture(status(503)), now::get, lines::add);
        p.answeredSince(0);
        assertEquals(java.util.List.of("HTTP 503: no sign that the vendor answers"), lines);
    }
}
