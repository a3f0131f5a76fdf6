package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.send.rate.Paced;
import io.cfsync.testkit.VendorStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code cf-sync send} runs at {@code --rate 2.5}, {@code 1.5} and {@code 0.5}, each against its own loopback
 * vendor, all three at once so the test takes as long as the slowest: measured where the vendor receives, each is
 * within 2% of its rate from the first request to the last, never above {@code ceil(rate)} in any one-second window
 * and never above {@code rate * k + 1} in any window of k seconds. One connection each: what is measured is the
 * pacing, not the first seconds of a new connection on either side (several lanes are simulated in
 * {@code FractionalRateTest}).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FractionalRateIT {
    /** Rates and how many events each sends: at least 40 requests, and about a minute or more at each rate. */
    private static final double[] RATES = {2.5, 1.5, 0.5};
    private static final int[] EVENTS = {150, 100, 40};

    @TempDir
    Path tmp;

    private record Run(double rate, int events, VendorStub vendor, Process process, Path err) {
    }

    @Test
    void fractionalRatesAreReachedWithinTwoPercentAndNeverPassed() throws Exception {
        List<Run> runs = new ArrayList<>();
        try {
            for (int i = 0; i < RATES.length; i++) {
                runs.add(start(i, new VendorStub()));
            }
            for (Run r : runs) {
                assertTrue(r.process().waitFor(200, TimeUnit.SECONDS), "--rate " + r.rate() + " did not finish");
                assertEquals(0, r.process().exitValue(), Files.readString(r.err()));
            }
            for (Run r : runs) {
                List<Long> at = new ArrayList<>();
                r.vendor().seen().forEach(s -> at.add(s.nanos()));
                assertEquals(r.events(), at.size(), "--rate " + r.rate() + ": one request per event");
                double achieved = Paced.achieved(at);
                System.out.printf("--rate %s: %d requests at %.4f/s, at most %d in one second%n", r.rate(),
                        at.size(), achieved, Paced.mostIn(at, Paced.SECOND));
                assertTrue(Math.abs(achieved - r.rate()) <= r.rate() * 0.02,
                        "--rate " + r.rate() + " achieved " + achieved + " requests/s");
                assertNull(Paced.overCeiling(at, r.rate(), 90));
            }
        } finally {
            for (Run r : runs) {
                r.process().destroyForcibly();
                r.vendor().close();
            }
        }
    }

    private Run start(int i, VendorStub vendor) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run-" + i));
        Path in = VendorStub.trackEvents(dir, "in.ndjson", EVENTS[i], 16);
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.cfsync.Main", "send", "--dest", "customerio", "--set", "siteId=s", "--base-url",
                vendor.baseUrl(), "--progress", "none", "--rate", Double.toString(RATES[i]), "--concurrency", "1",
                "--state", dir.resolve("state.db").toString(), "--dead-letter", dir.resolve("dead.ndjson").toString(),
                in.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("CF_SYNC_CUSTOMERIO_API_KEY", "k-123456");
        pb.environment().put("XDG_STATE_HOME", dir.resolve("xdg").toString());
        return new Run(RATES[i], EVENTS[i], vendor, pb.start(), err);
    }
}
