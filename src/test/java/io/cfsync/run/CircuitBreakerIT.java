package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A vendor failing with 5xx: sending pauses and probes, resumes when it recovers, gives up when it does not. */
@Timeout(60)
class CircuitBreakerIT {
    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, Path in, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("send", "--dest", "customerio", "--set",
                "siteId=s", "--set", "apiKey=k-123", "--base-url", vendor.baseUrl(), "--progress", "none",
                "--concurrency", "16", "--rate", "unlimited", "--dead-letter", tmp.resolve("dead.ndjson").toString(),
                "--outcomes", tmp.resolve("outcomes.ndjson").toString()));
        args.addAll(List.of(extra));
        args.add(in.toString());
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    /**
     * The vendor fails its first 16 requests, one per lane at --concurrency 16 (by count, not by time, so a loaded
     * machine sees the same story).
     * Asserted only through order and lower bounds that load cannot break: the storm stops at the breaker, the
     * next request comes no sooner than the breaker's delay allows, and every event goes out once more after.
     */
    @Test
    void holdsBackWhileTheVendorFailsThenProbesAndResumes() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 30, 30);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n <= 16 ? aResponse().withStatus(503).withBody("maintenance").build() : null);
            Cli.Result r = send(vendor, in);
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            List<VendorStub.Seen> seen = vendor.seen();
            assertEquals(30 + 16, seen.size(), "every failed event once more after recovery");
            assertTrue(r.err().contains("delivered:     30 events"), r.err());
            // While the breaker is open (5 s) nothing reaches the vendor: the longest silence follows the storm.
            int gapAfter = 0;
            long longest = 0;
            for (int i = 1; i < seen.size(); i++) {
                long gap = seen.get(i).nanos() - seen.get(i - 1).nanos();
                if (gap > longest) {
                    longest = gap;
                    gapAfter = i;
                }
            }
            assertTrue(longest >= 4_000_000_000L, "longest silence " + longest / 1_000_000 + " ms");
            assertTrue(gapAfter <= 16, "the silence came after request " + gapAfter + ", not after the storm");
        }
    }

    @Test
    void abortsWhenTheVendorStaysDownPastGiveUpAfter() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 40, 40);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> aResponse().withStatus(503).build());
            Cli.Result r = send(vendor, in, "--give-up-after", "2s", "--max-retries", "50");
            assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
            assertTrue(r.err().contains("the vendor kept failing for longer than 2s"), r.err());
            // A give-up is not a verdict on the events waiting for a retry: all 40 stay pending, none dead-lettered.
            assertTrue(r.err().contains("pending:       40 (not attempted: 24, interrupted: 16"), r.err());
            assertTrue(r.err().contains("dead-lettered: 0"), r.err());
            List<String> outcomes = Files.readAllLines(tmp.resolve("outcomes.ndjson"));
            assertEquals(40, outcomes.size(), "every event accounted for");
        }
    }
}
