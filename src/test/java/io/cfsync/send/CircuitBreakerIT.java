package io.cfsync.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void holdsBackWhileTheVendorFailsThenProbesAndResumes() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 30, 30);
        AtomicLong first = new AtomicLong();
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> {
                first.compareAndSet(0, req.nanos());
                return req.nanos() - first.get() < 1_000_000_000L
                        ? aResponse().withStatus(503).withBody("maintenance").build() : null;
            });
            Cli.Result r = send(vendor, in);
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            List<VendorStub.Seen> seen = vendor.seen();
            long failures = seen.stream().filter(s -> s.nanos() - first.get() < 1_000_000_000L).count();
            assertTrue(failures >= 15 && failures <= 20, "storm before the breaker opened: " + failures);
            // While open (5 s), nothing reaches the vendor; then a few probes, then everything.
            long duringOpen = seen.stream().map(s -> s.nanos() - first.get())
                    .filter(t -> t > 500_000_000L && t < 4_500_000_000L).count();
            assertEquals(0, duringOpen, "requests while the breaker was open");
            assertEquals(30 + failures, seen.size(), "every event once more after recovery");
            assertTrue(r.err().contains("delivered:     30 events"), r.err());
        }
    }

    @Test
    void abortsWhenTheVendorStaysDownPastGiveUpAfter() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 40, 40);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> aResponse().withStatus(503).build());
            long t0 = System.nanoTime();
            Cli.Result r = send(vendor, in, "--give-up-after", "2s", "--max-retries", "50");
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
            assertTrue(took < 10_000, "took " + took + " ms");
            assertTrue(r.err().contains("the vendor kept failing for longer than 2s"), r.err());
            // A give-up is not a verdict on the events waiting for a retry: all 40 stay pending, none dead-lettered.
            assertTrue(r.err().contains("pending:       40 (not attempted: 24, interrupted: 16"), r.err());
            assertTrue(r.err().contains("dead-lettered: 0"), r.err());
            List<String> outcomes = Files.readAllLines(tmp.resolve("outcomes.ndjson"));
            assertEquals(40, outcomes.size(), "every event accounted for");
        }
    }
}
