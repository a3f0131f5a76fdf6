package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Standard input: its first end is the end for every reader, and a terminal is told that cf-sync reads it. */
@Timeout(30)
class StdinTest {
    /** A terminal: each chunk is what one read returns, null a Ctrl-D; reading goes on after it. */
    private static InputStream terminal(String... chunks) {
        Deque<String> left = new ArrayDeque<>(List.of(chunks));
        return new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left.isEmpty()) {
                    return -1;
                }
                String next = left.poll();
                if (next == null || next.equals("EOF")) {
                    return -1;
                }
                byte[] bytes = next.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > len) {
                    left.push(new String(bytes, len, bytes.length - len, StandardCharsets.UTF_8));
                }
                int n = Math.min(len, bytes.length);
                System.arraycopy(bytes, 0, b, off, n);
                return n;
            }
        };
    }

    @Test
    void aTerminalIsToldOnceThatStdinIsRead() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(err, true, StandardCharsets.UTF_8);
        InputStream in = Stdin.of(terminal("a", "EOF", "b"), p, true);
        assertEquals('a', in.read());
        assertEquals(-1, in.read(new byte[4], 0, 4));
        assertEquals(-1, in.read(), "the end stays the end");
        assertEquals(Stdin.HINT + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        Stdin.of(terminal("a"), new PrintStream(quiet, true, StandardCharsets.UTF_8), false).read();
        assertEquals("", quiet.toString(StandardCharsets.UTF_8), "no hint when stdin is a pipe or a file");
    }
}
