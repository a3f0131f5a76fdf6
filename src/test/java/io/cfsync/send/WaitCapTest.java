package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.report.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WaitCapTest {
    private static final Classifier CLASSIFIER = new Classifier(Redactor.of(List.of(), List.of()));
    /** A fixed "now" for the HTTP-date form of Retry-After: the wall clock is the only clock that form needs. */
    private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    private static AttemptResult answer(int status, String retryAfter) {
        return CLASSIFIER.response(new Transport.Response(status, retryAfter, null, null, new byte[0]), false);
    }

    @Test
    void aRetryAfterOfAYearIsHonouredForAFewMinutesOnlyAndSaysSo() {
        List<String> said = new ArrayList<>();
        AttemptResult o = WaitCap.apply(answer(429, "31536000"), CLASSIFIER, "POST /api/v1/customers/u1", said::add);
        assertEquals(Duration.ofMinutes(5), o.retryAfter());
        assertEquals(WaitCap.LONGEST, o.retryAfter());
        assertEquals(List.of("POST /api/v1/customers/u1: the vendor asked to wait 365d; waiting 5m instead, the "
                + "longest wait cf-sync honours, then trying again"), said);
        assertEquals(AttemptResult.Kind.RETRYABLE, o.kind(), "still an answer to retry, not a verdict");
    }

    @Test
    void anHttpDateAYearAheadIsCutTheSameWay() {
        Duration named = ServerWait.of("Mon, 01 Mar 2027 12:00:00 GMT", null, NOW);
        assertEquals(Duration.ofDays(365), named);
        AttemptResult o = CLASSIFIER.withWait(answer(503, null), named);
        List<String> said = new ArrayList<>();
        assertEquals(WaitCap.LONGEST, WaitCap.apply(o, CLASSIFIER, "POST /x", said::add).retryAfter());
        assertTrue(said.get(0).contains("asked to wait 365d"), said.toString());
    }

    @Test
    void shortWaitsAndNoWaitAreLeftAsTheVendorSaid() {
        List<String> said = new ArrayList<>();
        AttemptResult thirty = answer(429, "30");
        assertSame(thirty, WaitCap.apply(thirty, CLASSIFIER, "POST /x", said::add));
        AttemptResult five = answer(503, "300");
        assertSame(five, WaitCap.apply(five, CLASSIFIER, "POST /x", said::add));
        AttemptResult none = answer(503, null);
        assertSame(none, WaitCap.apply(none, CLASSIFIER, "POST /x", said::add));
        assertEquals(List.of(), said);
    }

    @Test
    void withoutVerboseTheCutStillHappensSilently() {
        assertEquals(WaitCap.LONGEST, WaitCap.apply(answer(429, "86400"), CLASSIFIER, "POST /x", null).retryAfter());
    }
}
