package io.cfsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whether a lease may be taken, judged with both clocks and the process check in the test's hands: no wall-clock
 * error lets a live lease be taken, and none lets a dead holder block for longer than its timeout.
 */
@Timeout(10)
class LeaseJudgeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String HERE = "build-host";
    private static final String MACHINE = "boot-1/pid:[4026531836]";

    private final AtomicReference<Instant> wall = new AtomicReference<>(T0);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LeaseJudge judge = new LeaseJudge(HERE, MACHINE, l -> running.get(), wall::get, nanos::get);

    private static Lease lease(String host, Instant refreshedAt, long beat) {
        return new Lease("run-a", new Lease.Holder(4242, host, null, MACHINE + "/777"), refreshedAt.minusSeconds(600),
                refreshedAt, beat, Lease.DEFAULT_TIMEOUT);
    }

    private void monotonic(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void onThisHostARunningHolderIsNeverTakenWhateverTheClocksSay() {
        // The reader's clock is 3 minutes ahead: by its wall clock the lease is older than its timeout.
        wall.set(T0.plus(Duration.ofMinutes(3)));
        LeaseJudge.Judgement j = judge.judge(lease(HERE, T0, 0));
        assertEquals(LeaseJudge.Verdict.LIVE, j.verdict());
        assertTrue(j.why().contains("running on this host"), j.why());
        wall.set(T0.plus(Duration.ofDays(3)));
        assertEquals(LeaseJudge.Verdict.LIVE, new LeaseJudge(HERE, MACHINE, l -> true, wall::get, nanos::get)
                .judge(lease(HERE, T0, 0)).verdict(), "not even days later by the wall clock");
    }

    @Test
    void onThisHostAGoneHolderIsTakenAtOnceEvenIfItsLeaseLooksFresh() {
        running.set(false);
        wall.set(T0.plusSeconds(1));
        LeaseJudge.Judgement j = judge.judge(lease(HERE, T0, 0));
        assertEquals(LeaseJudge.Verdict.STALE, j.verdict());
        assertTrue(j.why().contains("no longer runs"), j.why());
    }

    @Test
    void theSameHostNameInAnotherPidNamespaceIsAnotherMachine() {
        running.set(false); // its pid means nothing here: not a reason to take it
        Lease container = new Lease("run-a", new Lease.Holder(1, HERE, null, "boot-1/pid:[4026532999]/5"), T0, T0, 0,
                Lease.DEFAULT_TIMEOUT);
        wall.set(T0.plusSeconds(5));
        assertEquals(LeaseJudge.Verdict.LIVE, judge.judge(container).verdict(), "judged as another host's");
    }

    @Test
    void aDeadHolderWithItsClockAnHourAheadIsTakenAfterItsTimeoutNotAnHour() {
        Lease ahead = lease("pod-a", T0.plus(Duration.ofHours(1)), 12);
        assertEquals(LeaseJudge.Verdict.WATCH, judge.judge(ahead).verdict(), "dated in the future: watched");
        for (int i = 0; i < 7; i++) {
            monotonic(Duration.ofSeconds(15));
            wall.set(wall.get().plusSeconds(15));
            assertEquals(LeaseJudge.Verdict.WATCH, judge.judge(ahead).verdict(), "not yet its timeout");
        }
        monotonic(Duration.ofSeconds(15));
        LeaseJudge.Judgement j = judge.judge(ahead);
        assertEquals(LeaseJudge.Verdict.STALE, j.verdict(), "2 minutes unrefreshed, measured here");
        assertTrue(j.why().contains("watched it go unrefreshed for 2m"), j.why());
    }

    @Test
    void aLiveHolderWithItsClockAnHourAheadKeepsItsLease() {
        assertEquals(LeaseJudge.Verdict.WATCH, judge.judge(lease("pod-a", T0.plus(Duration.ofHours(1)), 12))
                .verdict());
        monotonic(Duration.ofSeconds(15));
        LeaseJudge.Judgement j = judge.judge(lease("pod-a", T0.plus(Duration.ofHours(1)).plusSeconds(15), 13));
        assertEquals(LeaseJudge.Verdict.LIVE, j.verdict());
        assertTrue(j.why().contains("refreshed it while this run watched"), j.why());
    }

    @Test
    void aReaderWhoseClockRunsAheadDoesNotTakeALiveLeaseOfAnotherHost() {
        wall.set(T0.plus(Duration.ofMinutes(3)));
        assertEquals(LeaseJudge.Verdict.WATCH, judge.judge(lease("pod-a", T0, 3)).verdict(), "looks old: watched");
        monotonic(Duration.ofSeconds(15));
        // The holder's clock does not move forward either (stepped back): its beat still does.
        assertEquals(LeaseJudge.Verdict.LIVE, judge.judge(lease("pod-a", T0, 4)).verdict());
    }

    @Test
    void aWallClockStepDuringTheWatchChangesNothing() {
        Lease old = lease("pod-a", T0.minus(Duration.ofMinutes(10)), 3);
        assertEquals(LeaseJudge.Verdict.WATCH, judge.judge(old).verdict());
        wall.set(T0.plus(Duration.ofHours(5)));
        monotonic(Duration.ofSeconds(20));
        assertEquals(LeaseJudge.Verdict.WATCH, judge.judge(old).verdict(), "only the monotonic clock counts");
        wall.set(T0.minus(Duration.ofHours(5)));
        monotonic(Duration.ofSeconds(100));
        assertEquals(LeaseJudge.Verdict.STALE, judge.judge(old).verdict());
    }

    @Test
    void aFreshLeaseOfAnotherHostIsLiveAtOnceAndALeaseTakenByAThirdRunIsToo() {
        wall.set(T0.plusSeconds(30));
        assertEquals(LeaseJudge.Verdict.LIVE, judge.judge(lease("pod-a", T0, 0)).verdict());
        wall.set(T0.minusSeconds(10)); // a holder a few seconds ahead is clocks a little apart
        assertEquals(LeaseJudge.Verdict.LIVE, judge.judge(lease("pod-a", T0, 0)).verdict());

        LeaseJudge watcher = new LeaseJudge(HERE, MACHINE, l -> true, wall::get, nanos::get);
        wall.set(T0.plus(Duration.ofMinutes(30)));
        assertEquals(LeaseJudge.Verdict.WATCH, watcher.judge(lease("pod-a", T0, 0)).verdict());
        monotonic(Duration.ofMinutes(5));
        Lease third = new Lease("run-c", new Lease.Holder(9, "pod-c", null, null), T0, T0, 0, Lease.DEFAULT_TIMEOUT);
        assertEquals(LeaseJudge.Verdict.LIVE, watcher.judge(third).verdict(), "another run took it meanwhile");
    }

    @Test
    void theProcessTagTellsThisProcessFromAReusedPid() {
        String me = ProcessTag.self();
        org.junit.jupiter.api.Assumptions.assumeTrue(me != null, "no /proc here");
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcessTag.running(new Lease("r", new Lease.Holder(pid, HERE, null, me), T0, T0, 0,
                Lease.DEFAULT_TIMEOUT)));
        String reused = ProcessTag.machineOf(me) + "/1";
        assertFalse(ProcessTag.running(new Lease("r", new Lease.Holder(pid, HERE, null, reused), T0, T0, 0,
                Lease.DEFAULT_TIMEOUT)),
                "same pid, started at another moment: another process");
        assertNotNull(ProcessTag.machineOrNull());
        assertEquals(ProcessTag.machineOrNull(), ProcessTag.machineOf(me));
    }
}
