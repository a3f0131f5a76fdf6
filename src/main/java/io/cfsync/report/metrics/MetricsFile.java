package io.cfsync.report.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics file for node_exporter's textfile collector: written whole to a temporary file beside it, then
 * renamed over it, so a reader sees the last complete file or the new one, never half of one (the collector's own
 * advice). Not thread-safe: one writer.
 */
final class MetricsFile {
    private static final Pattern LAST_SUCCESS = Pattern.compile(
            "(?m)^" + RunMetrics.LAST_SUCCESS + "\\{[^}]*\\} ([0-9.eE+]+)$");

    private final Path file;
    private final Path temp;

    MetricsFile(Path file) {
        Path abs = file.toAbsolutePath();
        this.file = abs;
        // The collector reads only *.prom files, so the temporary name keeps it from reading half a file.
        this.temp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    }

    void write(byte[] text) throws IOException {
        Files.write(temp, text);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * When an earlier run writing this file last succeeded, or null: a failing run keeps it, as a Pushgateway keeps
     * a metric the push did not name.
     */
    Instant lastSuccess() {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Matcher m = LAST_SUCCESS.matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? Instant.ofEpochMilli((long) (Double.parseDouble(m.group(1)) * 1000)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    Path path() {
        return file;
    }
}
