package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.VendorStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real cf-sync process: requests in flight finish, the rest is reported, exit code 3. */
@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class InterruptIT {
    @TempDir
    Path tmp;

    @Test
    void sigtermStopsGracefully() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 100, 100);
        Path outcomes = tmp.resolve("outcomes.ndjson");
        Path dead = tmp.resolve("dead.ndjson");
        Path err = tmp.resolve("stderr.txt");
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{}").withFixedDelay(400).build());
            ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.cfsync.Main", "send", "--dest", "customerio",
                    "--set", "siteId=s", "--set", "apiKey=k-123", "--base-url", vendor.baseUrl(),
                    "--progress", "none", "--concurrency", "2", "--dead-letter", dead.toString(),
                    "--outcomes", outcomes.toString(), in.toString())
                    .redirectErrorStream(false)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile());
            pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
            Process p = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (vendor.count() < 4 && System.nanoTime() < deadline && p.isAlive()) {
                    Thread.sleep(20);
                }
                assertTrue(vendor.count() >= 4, "the child never got going");
                int before = vendor.count();
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not stop");
                String stderr = Files.readString(err);
                assertEquals(ExitCodes.ABORTED, p.exitValue(), stderr);
                int sent = vendor.count();
                assertTrue(sent - before <= 2, "requests started after the signal: " + (sent - before));
                assertTrue(stderr.contains("interrupted by SIGTERM"), stderr);
                assertTrue(stderr.contains("cf-sync send --dest customerio: 100 lines read"), stderr);
                List<String> lines = Files.readAllLines(outcomes);
                assertEquals(100, lines.size(), "every line read is accounted for");
                long delivered = lines.stream().filter(l -> l.contains("\"delivered\"")).count();
                long notAttempted = lines.stream().filter(l -> l.contains("\"not-attempted\"")).count();
                assertEquals(sent, delivered, "requests in flight were allowed to finish");
                assertEquals(100 - sent, notAttempted);
                assertTrue(stderr.contains("pending:       " + notAttempted + " (not attempted: " + notAttempted),
                        stderr);
                assertFalse(Files.exists(dead), "nothing was dead-lettered");
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
