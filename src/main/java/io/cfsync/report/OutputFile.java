package io.cfsync.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The run's output files ({@code --report}, {@code --outcomes}, {@code --dead-letter}) take {@code -} for standard
 * output, as inputs take it for standard input. Stateless.
 */
public final class OutputFile {
    /** The name meaning standard output. */
    public static final String STDOUT = "-";

    private OutputFile() {
    }

    /** Whether {@code file} names standard output. */
    public static boolean isStdout(Path file) {
        return file != null && STDOUT.equals(file.toString());
    }

    /** {@code out} for a writer that closes what it writes to: its close only flushes, stdout stays open. */
    public static OutputStream shielded(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
