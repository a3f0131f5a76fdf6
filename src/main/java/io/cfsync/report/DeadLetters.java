package io.cfsync.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The dead-letter file: one JSON line per event that could not be used or delivered,
 * {@code {"reason","detail","dest","run","file","line"[,"index"][,"status","response"],("event"|"raw"[,"rawBase64"])}}.
 * Passed through the redactor. The file replays as it is: {@code cf-sync send} unwraps {@code event}.
 *
 * <p>Durability: each entry reaches the operating system whole before {@link #write} returns, so a line is counted
 * as finished only once its entry is written; {@link #sync} forces the file to disk and is called before progress
 * that covers its entries is saved. Created only when the first entry arrives and appended to, never rewritten: a
 * last line left half-written by a crash or a full disk is cut off when the file is first opened (its event was
 * not covered by saved progress, so it is read and dead-lettered again), and an entry that fails half-way is taken
 * back, so the file always holds whole JSON lines. After a failed write every later write fails the same way.
 *
 * <p>Without a path (a dry-run not given a file) entries are counted but not written. Thread-safe.
 */
public final class DeadLetters implements AutoCloseable {
    /** The dead-letter file cannot be written; the message says why in words and names the file. */
    public static final class WriteException extends RuntimeException {
        WriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FIRST_ERRORS = 10;
    private final Path path;
    private final Redactor redactor;
    private final String dest;
    private final String run;
    private final Consumer<String> notes;
    private final java.util.List<String> firstErrors = new java.util.ArrayList<>();
    private FileChannel out;
    /** Standard output, when the entries go there instead of a file; else null. */
    private OutputStream stream;
    private long written;
    private WriteException failure;

    public DeadLetters(Path path, Redactor redactor) {
        this(path, redactor, null, null, n -> { });
    }

    /**
     * @param path  the file, or null to count entries without writing them
     * @param dest  the destination named in every entry
     * @param run   the run id named in every entry
     * @param notes where to tell a person about a repaired file
     */
    public DeadLetters(Path path, Redactor redactor, String dest, String run, Consumer<String> notes) {
        this.path = path;
        this.redactor = redactor;
        this.dest = dest;
        this.run = run;
        this.notes = notes;
    }

    /** The same, writing the entries to {@code stdout} ({@code --dead-letter -}); the path shown is {@code -}. */
    public static DeadLetters toStdout(OutputStream stdout, Redactor redactor, String dest, String run) {
        DeadLetters d = new DeadLetters(Path.of(OutputFile.STDOUT), redactor, dest, run, n -> { });
        d.stream = stdout;
        return d;
    }

    /** The file, or null when entries are not written. */
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

    /** Appends one entry; returns only once it is written whole. @throws WriteException when it cannot be */
    public synchronized void write(DeadLetter e) {
        if (failure != null) {
            throw failure;
        }
        if (path != null) {
            try {
                append((redactor.redact(render(e)) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ex) {
                failure = new WriteException(describe(ex), ex);
                throw failure;
            }
        }
        written++;
        if (firstErrors.size() < FIRST_ERRORS) {
            firstErrors.add(redactor.redact(e.file() + ":" + e.line() + ": " + e.reason()
                    + (e.detail() == null ? "" : ": " + e.detail())));
        }
    }

    /**
     * Forces every entry written so far to disk; after a failed write too, since the whole entries before it still
     * count. @throws WriteException when it cannot
     */
    public synchronized void sync() {
        if (stream != null) {
            try {
                stream.flush();
            } catch (IOException ex) {
                failure = new WriteException("cannot write dead letters to standard output: " + ex.getMessage(), ex);
                throw failure;
            }
        }
        if (out != null) {
            try {
                out.force(false);
            } catch (IOException ex) {
                failure = new WriteException(describe(ex), ex);
                throw failure;
            }
        }
    }

    private void append(byte[] line) throws IOException {
        if (stream != null) {
            stream.write(line);
            return;
        }
        if (out == null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            long cut = TornTail.repair(path);
            if (cut > 0) {
                notes.accept("the dead-letter file " + path + " ended in a partial line left by an interrupted run; "
                        + "removed its " + Plural.count(cut, "byte") + " so every line is whole JSON (its event is read again)");
            }
            out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        }
        long before = out.size();
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        } catch (IOException ex) {
            try {
                out.truncate(before);
            } catch (IOException ignored) {
                // The next run's first open cuts the partial line instead.
            }
            throw ex;
        }
    }

    private String describe(IOException ex) {
        String why = ex instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : ex.getMessage();
        if (why != null && why.contains("No space left on device")) {
            return "disk full: cannot write the dead-letter file " + path;
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            why = "permission denied";
        }
        return "cannot write the dead-letter file " + path + (why == null ? "" : ": " + why);
    }

    private String render(DeadLetter e) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("reason", e.reason());
            if (e.detail() != null) {
                g.writeStringField("detail", e.detail());
            }
            if (dest != null) {
                g.writeStringField("dest", dest);
            }
            if (run != null) {
                g.writeStringField("run", run);
            }
            g.writeStringField("file", e.file());
            g.writeNumberField("line", e.line());
            if (e.index() >= 0) {
                g.writeNumberField("index", e.index());
            }
            if (e.status() != 0) {
                g.writeNumberField("status", e.status());
            }
            if (e.response() != null) {
                g.writeStringField("response", e.response());
            }
            if (e.event() != null) {
                g.writeFieldName("event");
                if (e.raw() != null) {
                    g.writeRawValue(e.raw().trim());
                } else {
                    MAPPER.writeTree(g, e.event());
                }
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
