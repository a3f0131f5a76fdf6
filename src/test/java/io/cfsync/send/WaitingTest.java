package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.dest.VendorRequest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A stop drops requests that wait, never one on the wire or one whose answer is already final. */
class WaitingTest {
    private static Attempts attempts() {
        return new Attempts(VendorRequest.json("POST", "http://127.0.0.1:1/x", null), new byte[0], false,
                Long.MAX_VALUE);
    }

    private static AttemptResult answer(AttemptResult.Kind kind, int status, boolean again) {
        return AttemptResult.of(kind, status).withAgain(again);
    }

    @Test
    void aStopDropsARequestWaitingForItsFirstTryOrARetry() {
        RunControl control = new RunControl();
        Waiting waiting = new Waiting(control);
        Attempts fresh = attempts();
        CompletableFuture<AttemptResult> freshFuture = new CompletableFuture<>();
        waiting.add(fresh, freshFuture);
        Attempts retrying = attempts();
        retrying.sent = 1;
        retrying.last = answer(AttemptResult.Kind.RETRYABLE, 503, true);
        CompletableFuture<AttemptResult> retryFuture = new CompletableFuture<>();
        waiting.add(retrying, retryFuture);

        control.stop(RunControl.Reason.INTERRUPTED, "test");

        assertTrue(freshFuture.isCancelled());
        assertTrue(retryFuture.isCancelled());
    }

    @Test
    void aStopLeavesARequestOnTheWire() {
        RunControl control = new RunControl();
        Waiting waiting = new Waiting(control);
        Attempts a = attempts();
        a.onWire = true;
        CompletableFuture<AttemptResult> f = new CompletableFuture<>();
        waiting.add(a, f);

        control.stop(RunControl.Reason.INTERRUPTED, "test");

        assertFalse(f.isCancelled());
    }

    @Test
    void aStopAfterTheFinalAnswerButBeforeTheFutureCompletesKeepsTheAnswer() {
        // The vendor took the event (200) and the attempt is off the wire, but the policies have not completed the
        // future yet: dropping it now would book a delivered event as pending and the next run would send it again.
        RunControl control = new RunControl();
        Waiting waiting = new Waiting(control);
        Attempts delivered = attempts();
        delivered.sent = 1;
        delivered.last = answer(AttemptResult.Kind.OK, 200, false);
        CompletableFuture<AttemptResult> f = new CompletableFuture<>();
        waiting.add(delivered, f);
        Attempts rejected = attempts();
        rejected.sent = 1;
        rejected.last = answer(AttemptResult.Kind.PERMANENT, 400, false);
        CompletableFuture<AttemptResult> g = new CompletableFuture<>();
        waiting.add(rejected, g);

        control.stop(RunControl.Reason.INTERRUPTED, "test");

        assertFalse(f.isCancelled());
        assertFalse(g.isCancelled());
    }
}
