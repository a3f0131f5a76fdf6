package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A proxy that drops tunnels under requests, on top of the vendor's usual mixed faults: each drop is a transport
 * failure, retried like any dropped connection, never a verdict on an event. After the last run the
 * {@link Invariants} hold: nothing lost, duplicates only after the vendor's lost answers, exit codes as promised.
 */
@DisabledOnOs(OS.WINDOWS)
class ProxyTunnelIT {
    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({"TRACK,331", "TRACK_V2,332"})
    @Timeout(120)
    void droppedTunnelsAreRetriedAndNothingIsLost(VendorModeRun.Api api, long seed) throws Exception {
        Scenario sc = Scenario.of(Scenario.Stop.NONE, false, 4, seed).sized(120, 30);
        try (DroppingTunnelProxy proxy = new DroppingTunnelProxy(Set.of(0, 1, 2, 4))) {
            FaultRun.Result r = VendorModeRun.execute(sc, api, Map.of("--proxy", proxy.url(), "--max-retries", "6"),
                    (round, vendor) -> { }, work);
            Verdict v = Invariants.check(r);
            assertTrue(v.ok(), v::failures);
            // Connections are kept alive: the first three tunnels are sure to exist, later ones depend on the faults.
            assertTrue(proxy.dropped() >= 3, "tunnels dropped: " + proxy.dropped() + " of " + proxy.tunnels());
            FaultRun.Round first = r.rounds().get(0);
            assertTrue(first.exit() == 0 || first.exit() == 1, first.stderrTail());
            String tail = first.stderrTail();
            String summary = tail.substring(Math.max(0, tail.indexOf("  delivered:")));
            assertTrue(!summary.contains("pending") && !summary.contains("aborted"), summary);
            assertTrue(summary.contains("connection-error"), summary);
        }
    }
}
