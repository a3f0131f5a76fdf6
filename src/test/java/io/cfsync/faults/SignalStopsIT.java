package io.cfsync.faults;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes stopped by signals at seeded moments, then the same command run again until done, against a
 * vendor that also resets, hangs, throttles and fails now and then: nothing lost, duplicates only for what was
 * in flight or whose answer was lost, per-user and cross-identity order kept, exit 3 for SIGTERM and SIGINT.
 */
@DisabledOnOs(OS.WINDOWS)
class SignalStopsIT {
    @TempDir
    Path work;

    private void holds(Scenario sc) throws Exception {
        Invariants.assertHold(sc, work);
    }

    @Test
    @Timeout(90)
    void killMinusNineV1() throws Exception {
        holds(Scenario.of(Scenario.Stop.KILL9, false, 4, 101));
    }

    @Test
    @Timeout(90)
    void killMinusNineV2Batches() throws Exception {
        holds(Scenario.of(Scenario.Stop.KILL9, true, 4, 102));
    }

    @Test
    @Timeout(90)
    void sigtermV1AtConcurrency16() throws Exception {
        holds(Scenario.of(Scenario.Stop.SIGTERM, false, 16, 103));
    }

    @Test
    @Timeout(90)
    void sigintV2Batches() throws Exception {
        holds(Scenario.of(Scenario.Stop.SIGINT, true, 8, 104));
    }
}
