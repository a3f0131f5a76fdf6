package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A signal outside the sender's graceful stop still says what happened and exits with the "aborted" code. */
@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class SignalIT {
    @TempDir
    Path tmp;

    @Test
    void sigtermDuringADryRunSaysSoAndExits3() throws Exception {
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.cfsync.Main", "send", "--dest", "customerio",
                "--dry-run", "--verbose", "--dead-letter", tmp.resolve("dead.ndjson").toString(), "-")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        Process p = pb.start(); // stdin stays open: the run waits for input
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(err).contains("settings")) {
                Thread.sleep(20);
            }
            assertTrue(Files.readString(err).contains("settings"), "the child never got going");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not stop");
            String stderr = Files.readString(err);
            assertEquals(ExitCodes.ABORTED, p.exitValue(), stderr);
            assertTrue(stderr.contains("cf-sync: interrupted by SIGTERM; run aborted"), stderr);
        } finally {
            p.destroyForcibly();
        }
    }
}
