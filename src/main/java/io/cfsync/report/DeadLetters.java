package io.cfsync.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * The dead-letter file: one JSON line per event that could not be used or delivered,
 * {@code {"reason","detail","file","line",("event"|"raw"[,"rawBase64"])[,"status","response"]}}. Created only when
 * the first entry arrives, appended to (never truncated), flushed per entry, and passed through the redactor.
 * The file replays as it is: {@code cf-sync send} unwraps {@code event}. Thread-safe.
 */
public final class DeadLetters implements AutoCloseable {
    /** What went wrong, for one entry. {@code status} is 0 when there was no HTTP answer. */
    public record Entry(String reason, String detail, String file, long line, JsonNode event, String raw,
                        byte[] rawBytes, int status, String response) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path path;
    private final Redactor redactor;
    private static final int FIRST_ERRORS = 10;
    private final java.util.List<String> firstErrors = new java.util.ArrayList<>();
    private OutputStream out;
    private long written;

    public DeadLetters(Path path, Redactor redactor) {
        this.path = path;
        this.redactor = redactor;
    }

    public Path path() {
        return path;
    }

    public synchronized long written() {
        return written;
    }

    /** The first few entries as {@code file:line: reason: detail}, for run reports. */
    public synchronized java.util.List<String> firstErrors() {
        return java.util.List.copyOf(firstErrors);
    }

    public synchronized void write(Entry e) {
        try {
            if (out == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
            }
            String line = redactor.redact(render(e));
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
            written++;
            if (firstErrors.size() < FIRST_ERRORS) {
                firstErrors.add(redactor.redact(e.file() + ":" + e.line() + ": " + e.reason()
                        + (e.detail() == null ? "" : ": " + e.detail())));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write dead-letter file " + path + ": " + ex.getMessage(), ex);
        }
    }

    private static String render(Entry e) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("reason", e.reason());
            if (e.detail() != null) {
                g.writeStringField("detail", e.detail());
            }
            g.writeStringField("file", e.file());
            g.writeNumberField("line", e.line());
            if (e.status() != 0) {
                g.writeNumberField("status", e.status());
            }
            if (e.response() != null) {
                g.writeStringField("response", e.response());
            }
            if (e.event() != null) {
                g.writeFieldName("event");
                MAPPER.writeTree(g, e.event());
            } else {
                g.writeStringField("raw", e.raw() == null ? "" : e.raw());
                if (e.rawBytes() != null) {
                    g.writeStringField("rawBase64", Base64.getEncoder().encodeToString(e.rawBytes()));
                }
            }
            g.writeEndObject();
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
