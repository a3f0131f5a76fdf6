package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code cf-sync send --dry-run … | head -1} through a real pipe: the child ends quietly, with status 141. */
@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class ClosedStdoutIT {
    @TempDir
    Path tmp;

    @Test
    void aReaderThatStopsReadingEndsTheRunQuietly() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            lines.append(SendCommandTest.IDENTIFY.replace("\"m1\"", "\"m" + i + "\"")).append('\n');
        }
        Files.writeString(in, lines);
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.cfsync.Main", "send", "--dest", "customerio",
                "--dry-run", in.toString())
                .redirectError(err.toFile());
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(out.readLine().startsWith("{\"dest\":\"customerio\""));
            out.close(); // as head does after its first line
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "did not stop");
            assertEquals("", Files.readString(err), "no message, no summary, no stack trace");
            assertEquals(ExitCodes.CLOSED_OUTPUT, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
