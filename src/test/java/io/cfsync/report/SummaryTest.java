package io.cfsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dry-run's estimate of a real send, and how the rate is said. */
@Timeout(10)
class SummaryTest {
    private static String estimate(long requests, long lookups, double rate) {
        RunStats s = new RunStats();
        s.plannedRequests.add(requests);
        s.plannedLookups.add(lookups);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary.estimate(new PrintStream(buf, true, StandardCharsets.UTF_8), s, rate);
        return buf.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void theLastLineDoesNotOfferASecondSignalAfterTheRunHasEnded() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary.printExit(new PrintStream(buf, true, StandardCharsets.UTF_8), 3,
                "interrupted by SIGINT (again to quit at once)");
        assertEquals("exit code:     3 (run aborted: interrupted by SIGINT)",
                buf.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void saysHowManyRequestsARealSendMakesAndHowLongTheyTakeAtTheRate() {
        assertEquals("estimate:      a real send would make 12,345 requests: about 2 min at 100 requests/s",
                estimate(12_345, 0, 100));
        assertEquals("estimate:      a real send would make up to 40 requests: about 8 s at 5 requests/s",
                estimate(40, 10, 5));
        assertEquals("estimate:      a real send would make 1 request: about 2 s at 0.5 requests/s",
                estimate(1, 0, 0.5));
        assertEquals("estimate:      a real send would make 10 requests: no --rate limit, so as fast as the vendor "
                + "answers", estimate(10, 0, Double.POSITIVE_INFINITY));
        assertEquals("", estimate(0, 0, 100), "nothing to send, nothing to say");
    }

    @Test
    void durationsAreRoundedToWhatAPersonPlansWith() {
        assertEquals("1 s", Summary.roughly(0.2));
        assertEquals("59 s", Summary.roughly(59.4));
        assertEquals("1 min", Summary.roughly(59.6));
        assertEquals("3 h 20 min", Summary.roughly(12_000));
        assertEquals("100 h", Summary.roughly(360_000));
    }

    @Test
    void ratesAreSaidPlainly() {
        assertEquals("1,250/s", RunStats.Rate.perSecond(1250));
        assertEquals("0.5/s", RunStats.Rate.perSecond(0.5));
        assertEquals("unlimited", RunStats.Rate.perSecond(Double.POSITIVE_INFINITY));
    }
}
