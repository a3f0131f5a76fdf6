package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendor that answers one byte a second (after the headers, or in the status line itself) never holds a run:
 * {@code --timeout} bounds each whole exchange, {@code --max-runtime} ends the run with its summary and the normal
 * exit code, SIGTERM ends it within the stop's grace; the events stay pending, and a run against a healthy vendor
 * then delivers everything: nothing lost, duplicates only for the answers that never came.
 */
@DisabledOnOs(OS.WINDOWS)
class SlowVendorIT {
    /** Far more than a run needs: a run still going then is one the vendor held. */
    private static final int ROUND_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    @Timeout(180)
    void maxRuntimeEndsARunWhoseAnswersTrickle() throws Exception {
        holds(SlowLorisVendor.Mode.SLOW_BODY, Scenario.Stop.NONE, "2s", "10s", 41);
    }

    @Test
    @Timeout(180)
    void maxRuntimeEndsARunWhoseStatusLinesTrickle() throws Exception {
        holds(SlowLorisVendor.Mode.SLOW_HEADERS, Scenario.Stop.NONE, "2s", "10s", 42);
    }

    /** Requests that outlive the time box by far are abandoned once its grace is over. */
    @Test
    @Timeout(180)
    void maxRuntimeIsHardEvenWhenOneExchangeMayTakeLonger() throws Exception {
        holds(SlowLorisVendor.Mode.SLOW_BODY, Scenario.Stop.NONE, "10m", "4s", 43);
    }

    @Test
    @Timeout(180)
    void sigtermEndsARunWhoseAnswersTrickle() throws Exception {
        holds(SlowLorisVendor.Mode.SLOW_BODY, Scenario.Stop.SIGTERM, "10m", null, 44);
    }

    /**
     * A vendor that asks to come back in a year: the wait is cut to a few minutes (and said so), and the events it
     * holds when the time box ends the run stay pending, never dead-lettered.
     */
    @Test
    @Timeout(180)
    void aRetryAfterOfAYearIsCutAndTheEventsItHoldsStayPending() throws Exception {
        String err = holds(SlowLorisVendor.Mode.BACK_IN_A_YEAR, Scenario.Stop.NONE, "2s", "4s", 45);
        assertTrue(err.contains("the vendor asked to wait 365d; waiting 5m instead"), err);
    }

    /**
     * One run against the slow vendor (stopped by SIGTERM, or ending by its time box), then runs against a healthy
     * one until the work is done, then one more that must send nothing; the fault suite's invariants must hold.
     */
    private String holds(SlowLorisVendor.Mode mode, Scenario.Stop stop, String timeout, String maxRuntime, long seed)
            throws Exception {
        Scenario sc = new Scenario(stop, false, 24, 6, 4, 20, 1, seed, FaultPlan.none(seed));
        FaultRun.Result r = execute(sc, mode, timeout, maxRuntime, work);
        FaultRun.Round slow = r.rounds().get(0);
        assertNotEquals(-1, slow.exit(), "the run against the slow vendor did not end by itself: "
                + slow.stderrTail());
        // Only the corpus's invalid lines are dead-lettered: 1 for them, else 0; 3 for a signal.
        assertEquals(stop == Scenario.Stop.SIGTERM ? 3 : slow.deadLettered() > 0 ? 1 : 0, slow.exit(),
                slow.stderrTail());
        assertTrue(slow.stderrTail().contains("cf-sync send --dest customerio: "), slow.stderrTail());
        assertTrue(slow.stderrTail().contains("  pending:"), "events stay pending: " + slow.stderrTail());
        assertTrue(slow.arrivals() > 0, "the vendor was reached");
        Verdict v = Invariants.check(r);
        assertTrue(v.ok(), v::failures);
        return slow.stderrTail();
    }

    /**
     * Runs {@code sc}'s corpus once against a vendor in {@code mode} (stopped as {@code sc} says), then against a
     * healthy one until the work is done, then once more. The first round is the slow one.
     */
    static FaultRun.Result execute(Scenario sc, SlowLorisVendor.Mode mode, String timeout, String maxRuntime,
                                   Path work) throws Exception {
        Corpus corpus = Corpus.generate(sc.seed(), sc.events(), sc.users());
        Path input = work.resolve("in.ndjson");
        Files.write(input, corpus.lines().stream().map(Corpus.Line::text).toList(), StandardCharsets.UTF_8);
        Child.RunFiles f = new Child.RunFiles(input, work.resolve("ledger.db"), work.resolve("dead.ndjson"),
                work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
        try (SlowLorisVendor vendor = new SlowLorisVendor(corpus, mode)) {
            List<String> command = command(sc, vendor.baseUrl(), f, timeout, maxRuntime);
            List<FaultRun.Round> rounds = new ArrayList<>();
            rounds.add(round(1, vendor, command, f, sc.stop(), work));
            vendor.mode(SlowLorisVendor.Mode.HEALTHY);
            boolean done = false;
            for (int r = 2; r <= 4 && !done; r++) {
                FaultRun.Round healthy = round(r, vendor, command, f, Scenario.Stop.NONE, work);
                rounds.add(healthy);
                done = healthy.exit() == 0 && !healthy.timeBoxed();
            }
            FaultRun.Round again = done ? round(rounds.size() + 1, vendor, command, f, Scenario.Stop.NONE, work)
                    : null;
            List<String> dead = Files.exists(f.deadLetter()) ? Files.readAllLines(f.deadLetter()) : List.of();
            return new FaultRun.Result(sc, corpus, rounds, done, again, dead, vendor.arrivals(), false, 0, null);
        }
    }

    /** The fault suite's command with this case's {@code --timeout}, {@code --max-runtime}, and no give-up. */
    private static List<String> command(Scenario sc, String baseUrl, Child.RunFiles f, String timeout,
                                        String maxRuntime) {
        List<String> c = new ArrayList<>(Child.command(sc, baseUrl, f));
        c.set(c.indexOf("--timeout") + 1, timeout);
        // The slow vendor never fails outright; only the time box or a signal may end these runs early.
        c.set(c.indexOf("--give-up-after") + 1, "10m");
        if (maxRuntime != null) {
            c.addAll(c.size() - 1, List.of("--max-runtime", maxRuntime));
        }
        c.add(c.size() - 1, "--verbose");
        return c;
    }

    private static FaultRun.Round round(int r, SlowLorisVendor vendor, List<String> command, Child.RunFiles f,
                                        Scenario.Stop stop, Path work) throws Exception {
        vendor.startRound(r);
        Files.deleteIfExists(f.report());
        int deadBefore = Files.exists(f.deadLetter()) ? Files.readAllLines(f.deadLetter()).size() : 0;
        Path err = work.resolve("round-" + r + ".err");
        Child child = Child.start(command, FaultRun.KEY, f, err);
        boolean stopped = false;
        int exit;
        try {
            if (stop == Scenario.Stop.SIGTERM) {
                // Once requests are on the wire and trickling.
                for (int i = 0; i < ROUND_SECONDS * 100 && vendor.roundArrivals() < 2 && child.alive(); i++) {
                    Thread.sleep(10);
                }
                Thread.sleep(1500);
                stopped = child.stop(stop);
            }
            exit = child.await(ROUND_SECONDS);
        } finally {
            child.kill();
        }
        boolean timeBoxed = Files.exists(f.report())
                && JSON.readTree(f.report().toFile()).path("outcome").asText().endsWith("-time-boxed");
        int deadAfter = Files.exists(f.deadLetter()) ? Files.readAllLines(f.deadLetter()).size() : 0;
        return new FaultRun.Round(r, stopped, exit, timeBoxed, vendor.roundArrivals(), deadAfter - deadBefore,
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
