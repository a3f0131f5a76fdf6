package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Answers that cannot be trusted and vendors that are not there: a batch answer that does not name each rejected
 * event (a lost answer: retried, never counted delivered), an outage shorter than {@code --give-up-after} (no
 * event's fault: nothing dead-lettered), and a port that refuses every connection from the first request (the run
 * stops at once, all pending, and the next run against the vendor does the work). After the last run the
 * {@link Invariants} hold: nothing lost, duplicates only after lost answers, exit codes as promised.
 */
@DisabledOnOs(OS.WINDOWS)
class VendorAnswersIT {
    /** Fewer tries than the brief outage has 503s, one request at a time, and no give-up within it. */
    static final Map<String, String> BRIEF_OUTAGE_OPTIONS = Map.of("--max-retries", "1", "--give-up-after", "5m",
            "--concurrency", "1");

    @TempDir
    Path work;

    private static Scenario scenario(int concurrency, long seed) {
        return Scenario.of(Scenario.Stop.NONE, false, concurrency, seed).withPlan(FaultPlan.none(seed));
    }

    private static void holds(FaultRun.Result r) {
        Verdict v = Invariants.check(r);
        assertTrue(v.ok(), v::failures);
    }

    /** The first run's summary, from "delivered:" to the exit code. */
    private static String summary(FaultRun.Round round) {
        String tail = round.stderrTail();
        int at = tail.indexOf("  delivered:");
        return at < 0 ? tail : tail.substring(at);
    }

    @ParameterizedTest
    @CsvSource({"TRACK_V2,GARBLED_207,301", "TRACK_V2,GARBLED_200,308", "PIPELINES,GARBLED_207,303",
        "PIPELINES,GARBLED_200,304"})
    @Timeout(90)
    void anAnswerThatDoesNotNameTheRejectedEventIsALostAnswer(VendorModeRun.Api api, FaultPlan.Answer garble,
                                                              long seed) throws Exception {
        FaultRun.Result r = VendorModeRun.execute(scenario(1, seed), api, Map.of("--max-retries", "2"),
                VendorModeRun.garbled(garble), work);
        // Track API v2 sends anonymous events alone to v1: a rejected event must name a person to be in a batch.
        assertTrue(r.corpus().lines().stream().anyMatch(l -> l.rejected() && (api != VendorModeRun.Api.TRACK_V2
                || l.keys().stream().anyMatch(k -> k.startsWith("u-")))), "the corpus has rejected batched events");
        holds(r);
        FaultRun.Round first = r.rounds().get(0);
        assertEquals(1, first.exit(), first.stderrTail());
        String summary = summary(first);
        assertTrue(summary.contains("vendor-rejected"), summary);
        assertTrue(!summary.contains("unreadable-response") && !summary.contains("pending"), summary);
        assertTrue(r.arrivals().stream().anyMatch(a -> a.answer() == garble), "the vendor garbled answers");
    }

    @ParameterizedTest
    @CsvSource({"TRACK,311", "TRACK_V2,312", "PIPELINES,313"})
    @Timeout(90)
    void anOutageShorterThanGiveUpAfterDeadLettersNothing(VendorModeRun.Api api, long seed) throws Exception {
        FaultRun.Result r = VendorModeRun.execute(scenario(1, seed), api, BRIEF_OUTAGE_OPTIONS,
                VendorModeRun.briefOutage(), work);
        holds(r);
        FaultRun.Round first = r.rounds().get(0);
        assertEquals(1, r.rounds().size(), "one run does the work");
        String summary = summary(first);
        assertTrue(!summary.contains("retries-exhausted") && !summary.contains("pending"), summary);
        assertTrue(summary.contains("503 3"), summary);
    }

    @ParameterizedTest
    @EnumSource(VendorModeRun.Api.class)
    // Two cf-sync JVMs in a row: at a load of 12 to 16 on two cores their start-ups alone took most of a minute.
    @Timeout(120)
    void aPortThatRefusesEveryConnectionStopsTheRunAtOnceWithEverythingPending(VendorModeRun.Api api)
            throws Exception {
        FaultRun.Result r = VendorModeRun.execute(scenario(8, 320 + api.ordinal()), api,
                Map.of("--give-up-after", "5m"), VendorModeRun.refusedFirstRun(), work);
        holds(r);
        FaultRun.Round first = r.rounds().get(0);
        assertEquals(3, first.exit(), first.stderrTail());
        assertEquals(0, first.arrivals());
        String err = first.stderrTail();
        assertTrue(err.contains("no request has reached the vendor at http://127.0.0.1:"), err);
        assertTrue(err.contains("'cf-sync check --dest customerio'"), err);
        assertTrue(summary(first).contains("delivered:     0 events"), err);
        assertTrue(!err.contains("retries-exhausted"), err);
    }
}
