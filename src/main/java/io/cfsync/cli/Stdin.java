package io.cfsync.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard input as a terminal user expects it. A terminal gives an end of input for each Ctrl-D and then reads on,
 * so every layer that met the end (sniffing, decompression, line reading) used to need one of its own; here the
 * first end is the end for all of them. On a terminal, the first read also says on stderr that cf-sync is waiting,
 * since a command given no input reads stdin. One reader at a time; the end, once seen, is visible to any thread.
 */
public final class Stdin extends FilterInputStream {
    static final String HINT = "cf-sync: reading events from stdin; Ctrl-D to end";
    private final PrintStream hint;
    private volatile boolean ended;
    private boolean hinted;

    private Stdin(InputStream in, PrintStream hint) {
        super(in);
        this.hint = hint;
    }

    /** {@code in} with its first end kept; {@code err} gets the hint at the first read when fd 0 is a terminal. */
    public static InputStream ofProcess(InputStream in, PrintStream err) {
        return new Stdin(in, isTerminal() ? err : null);
    }

    /** {@code in} with its first end kept, without a hint. */
    static InputStream endOnce(InputStream in) {
        return in instanceof Stdin ? in : new Stdin(in, null);
    }

    /** As {@link #ofProcess}, with whether stdin is a terminal given (tests). */
    static InputStream of(InputStream in, PrintStream err, boolean terminal) {
        return new Stdin(in, terminal ? err : null);
    }

    @Override
    public int read() throws IOException {
        if (ended) {
            return -1;
        }
        waiting();
        int b = super.read();
        ended = b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        waiting();
        int n = super.read(b, off, len);
        ended = n < 0;
        return n;
    }

    @Override
    public int available() throws IOException {
        return ended ? 0 : super.available();
    }

    private void waiting() {
        if (hint != null && !hinted) {
            hinted = true;
            hint.println(HINT);
            hint.flush();
        }
    }

    /** Whether fd 0 is a terminal, read from {@code /proc} (Java 17 has no isatty for stdin alone). */
    private static boolean isTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/0");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
        return false;
    }
}
