package io.cfsync.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --outcomes FILE}: one JSON line per event (and blank line) saying where it ended:
 * {@code {"file","line"[,"index"],"messageId","outcome","reason"}} with outcome {@code mapped}, {@code delivered},
 * {@code skipped}, {@code dead-lettered}, {@code compacted} (an identify merged into a later one by {@code --compact})
 * or {@code pending}; {@code index} names an element of a batch line. An audit trail of "nothing lost". Thread-safe.
 */
public final class OutcomeLog implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final OutputStream out;
    private final JsonGenerator gen;
    private boolean any;

    private OutcomeLog(OutputStream out) throws IOException {
        this.out = out;
        this.gen = out == null ? null : MAPPER.getFactory().createGenerator(out);
        if (gen != null) {
            gen.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        }
    }

    /** A log that writes nothing. */
    public static OutcomeLog none() {
        try {
            return new OutcomeLog(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A log written to {@code file}, created with its folder (replaced when it exists). */
    public static OutcomeLog to(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new OutcomeLog(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** A log written to {@code out} (standard output), which it flushes but does not close. */
    public static OutcomeLog to(OutputStream out) throws IOException {
        return new OutcomeLog(OutputFile.shielded(out));
    }

    public boolean enabled() {
        return gen != null;
    }

    public void record(String file, long line, String messageId, String outcome, String reason) {
        record(file, line, -1, messageId, outcome, reason);
    }

    /** As {@link #record(String, long, String, String, String)}, for the event at {@code index} of a batch line. */
    public void record(String file, long line, int index, String messageId, String outcome, String reason) {
        if (gen == null) {
            return;
        }
        synchronized (this) {
            try {
                any = true;
                gen.writeStartObject();
                gen.writeStringField("file", file);
                gen.writeNumberField("line", line);
                if (index >= 0) {
                    gen.writeNumberField("index", index);
                }
                if (messageId != null) {
                    gen.writeStringField("messageId", messageId);
                }
                gen.writeStringField("outcome", outcome);
                if (reason != null) {
                    gen.writeStringField("reason", reason);
                }
                gen.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write outcomes file: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (gen != null) {
            if (any) {
                gen.writeRaw('\n');
            }
            gen.close();
            out.close();
        }
    }
}
