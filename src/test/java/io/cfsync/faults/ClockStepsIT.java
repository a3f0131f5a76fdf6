package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.cli.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs whose wall clock is wrong or stepped (libfaketime; skipped where it is missing), against a slow
 * vendor: a clock stepped back does not stretch {@code --max-runtime}; a run whose clock is ahead never takes a
 * live run's lease; a dead holder whose clock was an hour ahead blocks others for its lease timeout, not an hour.
 * Each case then runs the same command until done and checks the fault suite's invariants (nothing lost,
 * duplicates only where excused, exit codes).
 */
@EnabledOnOs(OS.LINUX)
class ClockStepsIT {
    @TempDir
    Path work;

    private static Scenario slow(Scenario.Stop stop, int events, int concurrency, int delayMillis, long seed) {
        return new Scenario(stop, false, events, events / 5, concurrency, 20, 1, seed,
                FaultPlan.none(seed).withDelay(delayMillis));
    }

    private static void holds(FaultRun.Result r) {
        Verdict v = Invariants.check(r);
        assertTrue(v.ok(), v::failures);
    }

    @Test
    @Timeout(150)
    void aClockSteppedBackAnHourMidRunDoesNotStretchMaxRuntime() throws Exception {
        Path stamp = work.resolve("faketime");
        Map<String, String> env = FakeTime.steppable(stamp);
        // About 120 requests of 150 ms two at a time: some 9 s of work, far more than the time box.
        try (ClockRounds c = new ClockRounds(slow(Scenario.Stop.NONE, 120, 2, 150, 301), work)) {
            List<String> command = c.command("--max-runtime", "3s");
            Child first = c.start(command, env);
            assertTrue(ClockRounds.waitUntil(() -> c.vendor.roundArrivals() >= 1 || !first.alive()));
            FakeTime.step(stamp, "-1h");
            FaultRun.Round r = c.finish(first, false, 0);
            String err = c.stderr(r.number());
            assertTrue(r.timeBoxed(), "the run ended at its time box, with work left: " + tail(err));
            assertTrue(err.contains("cf-sync: stopped at --max-runtime 3s after reading"), tail(err));
            assertTrue(r.arrivals() < 100, "it stopped sending at the time box: " + r.arrivals() + " requests");
            assertEquals(r.deadLettered() > 0 ? 1 : 0, r.exit(), tail(err));
            holds(c.untilDone(c.command())); // the rest in one run: the time box was the point
        }
    }

    @Test
    @Timeout(150)
    void aRunWhoseClockIsThreeMinutesAheadNeverTakesALiveLeaseOnTheSameHost() throws Exception {
        Map<String, String> ahead = FakeTime.offset("+3m");
        // About 100 requests of 120 ms two at a time: the holder runs for some 6 s, past the second run's start.
        try (ClockRounds c = new ClockRounds(slow(Scenario.Stop.NONE, 100, 2, 120, 302), work)) {
            List<String> command = c.command();
            Child holder = c.start(command, Map.of());
            assertTrue(ClockRounds.waitUntil(() -> c.vendor.roundArrivals() >= 1 || !holder.alive()));
            Path err = work.resolve("ahead.err");
            Child second = Child.start(command, FaultRun.KEY, c.files, err, ahead);
            int exit = second.await(ClockRounds.ROUND_SECONDS);
            String said = java.nio.file.Files.readString(err);
            assertEquals(ExitCodes.LOCKED, exit, tail(said));
            assertTrue(holder.alive(), "the holder was still running when the second run ended");
            assertTrue(said.contains("another cf-sync run is using the ledger"), tail(said));
            assertTrue(said.contains("pid " + holder.pid() + " on host "), tail(said));
            assertTrue(said.contains("that process is running on this host"), tail(said));
            FaultRun.Round r = c.finish(holder, false, 0);
            assertTrue(r.exit() == 0 || r.exit() == 1, "the holder kept its lease and finished: "
                    + tail(c.stderr(r.number())));
            holds(c.untilDone(command));
        }
    }

    @Test
    @Timeout(150)
    void aDeadHolderWhoseClockWasAnHourAheadBlocksOthersForItsLeaseTimeoutNotAnHour() throws Exception {
        Map<String, String> env = FakeTime.offset("+1h");
        Assumptions.assumeTrue(OtherHost.available(), "unshare --uts is not permitted here: no second host name");
        try (ClockRounds c = new ClockRounds(slow(Scenario.Stop.KILL9, 80, 2, 40, 303), work)) {
            List<String> command = c.command("--lease-timeout", "3s");
            Child holder = c.start(OtherHost.named("pod-gone", command), env);
            assertTrue(ClockRounds.waitUntil(() -> c.vendor.roundArrivals() >= 5 || !holder.alive()));
            assertTrue(holder.stop(Scenario.Stop.KILL9), "the holder ran until it was killed: "
                    + tail(c.stderr(1)));
            c.finish(holder, true, 0);
            int dead = c.deadLines();
            FaultRun.Round next = c.finish(c.start(command, Map.of()), false, dead);
            String err = c.stderr(next.number());
            assertTrue(next.exit() == 0 || next.exit() == 1, "the next run took over and finished: " + tail(err));
            assertTrue(err.contains("watches for up to 3s"), tail(err));
            assertTrue(err.contains("took over the ledger lock of pid"), tail(err));
            assertTrue(err.contains("watched it go unrefreshed for 3s"), tail(err));
            holds(c.untilDone(command));
        }
    }

    private static String tail(String s) {
        return s.substring(Math.max(0, s.length() - 1500));
    }
}
