package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cfsync.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** When the reader of stdout goes away ({@code | head -1}), the run ends quietly with 141, whatever it was doing. */
@Timeout(30)
class ClosedStdoutTest {
    @TempDir
    Path tmp;

    /** Takes {@code room} bytes, then fails as a pipe whose reader has gone does. */
    private static OutputStream closingAfter(int room) {
        return new OutputStream() {
            private int left = room;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > left) {
                    left = 0;
                    throw new IOException("Broken pipe");
                }
                left -= len;
            }
        };
    }

    private static String run(OutputStream out, int[] code, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        code[0] = Main.run(InputStream.nullInputStream(), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("XDG_CONFIG_HOME", "/nonexistent-config", "XDG_STATE_HOME", "/nonexistent-state"), args);
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDryRunEndsQuietly() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lines.append(SendCommandTest.IDENTIFY.replace("\"m1\"", "\"m" + i + "\"")).append('\n');
        }
        Files.writeString(in, lines);
        int[] code = new int[1];
        String err = run(closingAfter(10_000), code, "send", "-d", "customerio", "--dry-run", in.toString());
        assertEquals("", err, "no message, no summary, no stack trace");
        assertEquals(ExitCodes.CLOSED_OUTPUT, code[0]);
    }

    @Test
    void validateAndHelpEndQuietlyToo() throws Exception {
        Path in = tmp.resolve("bad.ndjson");
        Files.writeString(in, "[1]\n".repeat(5000));
        int[] code = new int[1];
        assertEquals("", run(closingAfter(100), code, "validate", in.toString()));
        assertEquals(ExitCodes.CLOSED_OUTPUT, code[0]);
        assertEquals("", run(closingAfter(100), code, "send", "--help"));
        assertEquals(ExitCodes.CLOSED_OUTPUT, code[0]);
    }
}
