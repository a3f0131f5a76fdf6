package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whose fault a request's used-up tries are, as the send layer decides before retrying it or giving it up. */
@Timeout(10)
class BlameTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final GiveUpClock clock = new GiveUpClock(Duration.ofMinutes(10), new RunControl(), now::get);
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicReference<AttemptResult> check = new AtomicReference<>(AttemptResult.of(
            AttemptResult.Kind.OK, 200));
    private final Blame blame = new Blame(clock, new HealthProbe(() -> {
        probes.incrementAndGet();
        return CompletableFuture.completedFuture(check.get());
    }, now::get, null));

    private static final AttemptResult SERVER_ERROR = AttemptResult.of(AttemptResult.Kind.RETRYABLE, 500);

    /** A request's whole life: first attempt now, then its tries fail over a few seconds; its verdict. */
    private Blame.Fault outOfTries(Blame b) {
        long servedBefore = clock.served();
        long firstSentAt = now.get();
        for (int i = 0; i < 5; i++) {
            clock.heard(SERVER_ERROR);
            now.addAndGet(SECOND);
        }
        return b.judge(servedBefore, firstSentAt).join();
    }

    @Test
    void aRequestFailingWhileOthersAreServedIsAtFaultWithoutAProbe() {
        long servedBefore = clock.served();
        long firstSentAt = now.get();
        clock.heard(AttemptResult.of(AttemptResult.Kind.OK, 200));
        assertEquals(Blame.Fault.OWN, blame.judge(servedBefore, firstSentAt).join());
        assertEquals(0, probes.get());
    }

    @Test
    void aRequestFailingAloneIsAtFaultWhenTheVendorAnswersItsCheckRequest() {
        assertEquals(Blame.Fault.OWN_CHECKED, outOfTries(blame));
        assertEquals(1, probes.get());
    }

    @Test
    void aRequestFailingAloneIsAnOutageWhenTheCheckRequestFailsToo() {
        check.set(AttemptResult.of(AttemptResult.Kind.RETRYABLE, 500));
        assertEquals(Blame.Fault.VENDOR, outOfTries(blame));
    }

    @Test
    void withoutACheckRequestAFailureAloneIsAnOutageAsBefore() {
        Blame noCheck = new Blame(clock, new HealthProbe(null, now::get, null));
        assertEquals(Blame.Fault.VENDOR, outOfTries(noCheck));
    }

    @Test
    void aSecondRequestFailingAloneWithNothingServedSinceIsAnOutage() {
        // Reads up, writes down: the check request vouches for one failing request, not for every one after it.
        assertEquals(Blame.Fault.OWN_CHECKED, outOfTries(blame));
        now.addAndGet(HealthProbe.SPACING.toNanos());
        assertEquals(Blame.Fault.VENDOR, outOfTries(blame));
        assertEquals(1, probes.get(), "no probe for a verdict already decided");
        clock.heard(AttemptResult.of(AttemptResult.Kind.OK, 200));
        now.addAndGet(HealthProbe.SPACING.toNanos());
        assertEquals(Blame.Fault.OWN_CHECKED, outOfTries(blame), "after a served answer, the next one may be");
    }

    @Test
    void aRequestStillWaitingIsJudgedAgainOnItsNextFailure() {
        check.set(AttemptResult.of(AttemptResult.Kind.RETRYABLE, 503));
        long servedBefore = clock.served();
        long firstSentAt = now.get();
        now.addAndGet(5 * SECOND);
        assertEquals(Blame.Fault.VENDOR, blame.judge(servedBefore, firstSentAt).join());
        check.set(AttemptResult.of(AttemptResult.Kind.OK, 200));
        now.addAndGet(SECOND);
        assertEquals(Blame.Fault.VENDOR, blame.judge(servedBefore, firstSentAt).join(), "within the spacing");
        now.addAndGet(HealthProbe.SPACING.toNanos());
        assertEquals(Blame.Fault.OWN_CHECKED, blame.judge(servedBefore, firstSentAt).join(), "the vendor is back");
        assertEquals(2, probes.get());
    }
}
