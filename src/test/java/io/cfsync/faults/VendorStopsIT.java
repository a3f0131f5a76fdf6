package io.cfsync.faults;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the vendor or the clock stops: the key revoked mid-run (401) and fixed for the next run, an outage past
 * {@code --give-up-after} that is over by the next run, {@code --max-runtime} ending every run early, and, with no
 * stop at all, lost responses, hangs, resets, 429s and 503s at high concurrency. After the last run nothing is
 * lost, nothing is sent twice except what the vendor's lost answers force, order holds, and a stop was never a
 * verdict on the events it interrupted.
 */
@DisabledOnOs(OS.WINDOWS)
class VendorStopsIT {
    @TempDir
    Path work;

    private void holds(Scenario sc) throws Exception {
        Invariants.assertHold(sc, work);
    }

    @Test
    @Timeout(90)
    void keyRevokedThenFixedV1() throws Exception {
        holds(Scenario.of(Scenario.Stop.UNAUTHORIZED, false, 8, 201));
    }

    @Test
    @Timeout(90)
    void keyRevokedThenFixedV2Batches() throws Exception {
        holds(Scenario.of(Scenario.Stop.UNAUTHORIZED, true, 4, 202));
    }

    @Test
    @Timeout(120)
    void vendorDownPastGiveUpAfterV1() throws Exception {
        holds(Scenario.of(Scenario.Stop.OUTAGE, false, 4, 203));
    }

    @Test
    @Timeout(120)
    void maxRuntimeEndsEveryRunUntilDoneV1() throws Exception {
        holds(Scenario.of(Scenario.Stop.MAX_RUNTIME, false, 8, 204)
                .withPlan(new FaultPlan(204, 0.02, 0.005, 0.01, 0.005, 0.005, 2, 5)));
    }

    @Test
    @Timeout(90)
    void lostResponsesAndTransientFaultsAtConcurrency16V1() throws Exception {
        holds(Scenario.of(Scenario.Stop.NONE, false, 16, 205)
                .withPlan(new FaultPlan(205, 0.04, 0.01, 0.04, 0.02, 0.02, 2, 2)));
    }

    @Test
    @Timeout(90)
    void lostResponsesAndTransientFaultsV2Batches() throws Exception {
        holds(Scenario.of(Scenario.Stop.NONE, true, 8, 206)
                .withPlan(new FaultPlan(206, 0.05, 0.02, 0.05, 0.03, 0.02, 2, 2)));
    }
}
