package io.cfsync.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Notices when the reader of standard output has gone ({@code cf-sync … | head -1}): the first write that finds
 * the pipe closed marks it, and from then on nothing more is said on standard error either, so the run ends
 * quietly, as {@code cat} or {@code jq} do when their reader stops reading. The exit status is then
 * {@link ExitCodes#CLOSED_OUTPUT}. Other write failures (a full disk) are not touched. Thread-safe.
 */
final class ClosedOutput {
    private volatile boolean closed;

    /** Whether a write found standard output closed by its reader. */
    boolean closed() {
        return closed;
    }

    /** {@code out}, watched: a write into a closed pipe still fails as before, and is remembered. */
    OutputStream watch(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw noted(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw noted(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw noted(e);
                }
            }
        };
    }

    /** {@code err}, silenced once standard output is found closed. */
    PrintStream silenceAfterClose(PrintStream err) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (!closed) {
                    err.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (!closed) {
                    err.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                err.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    private IOException noted(IOException e) {
        if (isClosedPipe(e)) {
            closed = true;
        }
        return e;
    }

    /** EPIPE, as the JDK words it on Linux and macOS. */
    static boolean isClosedPipe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("broken pipe")) {
                return true;
            }
        }
        return false;
    }
}
