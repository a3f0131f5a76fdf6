package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.state.Ledger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP (a closed terminal, a dropped ssh session) at seeded moments stops a run as SIGTERM does: exit 3, the
 * summary and the stop message with what was left pending, the run's row in the ledger ended, and the usual
 * invariants over the runs until done (nothing lost, duplicates only after lost answers).
 */
@DisabledOnOs(OS.WINDOWS)
class HangupIT {
    @TempDir
    Path work;

    @Test
    @Timeout(90)
    void sighupStopsARunAsSigtermDoes() throws Exception {
        FaultRun.Result r = FaultRun.execute(Scenario.of(Scenario.Stop.SIGHUP, false, 8, 105), work);
        Verdict v = Invariants.check(r);
        assertTrue(v.ok(), v::failures);
        List<FaultRun.Round> stopped = r.rounds().stream().filter(FaultRun.Round::stopped).toList();
        assertFalse(stopped.isEmpty(), "a run was stopped by SIGHUP");
        for (FaultRun.Round x : stopped) {
            String err = Files.readString(work.resolve("round-" + x.number() + ".err"), StandardCharsets.UTF_8);
            assertEquals(3, x.exit(), err);
            assertTrue(err.contains("cf-sync: run aborted: interrupted by SIGHUP"), err);
            assertTrue(err.contains("left pending") || err.contains("every event read was settled"), err);
            assertTrue(err.contains("cf-sync send --dest customerio: "), "the summary: " + err);
            assertTrue(err.contains("  exit code:     3 (run aborted: interrupted by SIGHUP"), err);
        }
        try (Ledger l = Ledger.open(work.resolve("ledger.db"))) {
            List<Ledger.Run> runs = l.lastRuns(50);
            assertEquals(r.rounds().size() + 1, runs.size(), "one row per run");
            for (Ledger.Run run : runs) {
                assertTrue(run.outcome() != null && run.endedAt() != null, "every run row is ended: " + run);
            }
            assertEquals(stopped.size(), runs.stream().filter(x -> "aborted".equals(x.outcome())).count());
        }
    }

    /**
     * A closing terminal sends SIGHUP to the foreground job, and the shell, hung up too, sends its jobs another:
     * the second must not cut the graceful stop short (as a second Ctrl-C does on purpose).
     */
    @Test
    @Timeout(90)
    void aSecondSighupFromTheClosingShellDoesNotCutTheStopShort() throws Exception {
        Scenario sc = new Scenario(Scenario.Stop.SIGHUP, false, 100, 20, 2, 20, 1, 106,
                FaultPlan.none(106).withDelay(100));
        try (ClockRounds c = new ClockRounds(sc, work)) {
            List<String> command = c.command();
            Child child = c.start(command, java.util.Map.of());
            assertTrue(ClockRounds.waitUntil(() -> c.vendor.roundArrivals() >= 3 || !child.alive()));
            assertTrue(child.stop(Scenario.Stop.SIGHUP), "the run was still going");
            Thread.sleep(20);
            child.stop(Scenario.Stop.SIGHUP);
            FaultRun.Round r = c.finish(child, true, 0);
            String err = c.stderr(r.number());
            assertEquals(3, r.exit(), err);
            assertTrue(err.contains("cf-sync send --dest customerio: "), "the summary: " + err);
            assertTrue(err.contains("left pending"), err);
            Verdict v = Invariants.check(c.untilDone(command));
            assertTrue(v.ok(), v::failures);
        }
    }
}
