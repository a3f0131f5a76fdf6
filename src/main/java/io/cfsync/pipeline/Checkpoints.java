package io.cfsync.pipeline;

import io.cfsync.input.InputSource;
import io.cfsync.state.Fingerprint;
import io.cfsync.state.Ledger;
import io.cfsync.state.Watermark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resume and dedupe through the ledger for one destination: where to start in each input, which events were
 * delivered already, and watermarks saved as events finish (periodically and at the end). Inputs are tracked by
 * absolute path plus a fingerprint of their first bytes; standard input has no resume. Thread-safe.
 */
public final class Checkpoints {
    /** What to do with one input. */
    public record Start(boolean skipWhole, long skipThrough, String note) {
    }

    private static final long SAVE_EVERY_MILLIS = 1000;
    private final Ledger ledger;
    private final String dest;
    private final boolean resend;
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private long lastSave = System.nanoTime();

    /** One input in progress. */
    private static final class Cursor {
        final String path;
        final Fingerprint fingerprint;
        final long sizeAtStart;
        final Watermark watermark;
        volatile boolean readToEnd;
        volatile long lastLine;

        Cursor(String path, Fingerprint fingerprint, long sizeAtStart, long resumeFrom) {
            this.path = path;
            this.fingerprint = fingerprint;
            this.sizeAtStart = sizeAtStart;
            this.watermark = new Watermark(resumeFrom);
        }
    }

    /** @param resend when true, send events again even when the ledger says they were delivered */
    public Checkpoints(Ledger ledger, String dest, boolean resend) {
        this.ledger = ledger;
        this.dest = dest;
        this.resend = resend;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Decides where reading {@code src} starts, and starts tracking it. */
    public Start open(InputSource src) {
        if (src.isStdin()) {
            return new Start(false, 0, "standard input has no resume: every event is read (delivered ones are "
                    + "still skipped)");
        }
        try {
            String path = src.path().toAbsolutePath().normalize().toString();
            long size = Files.size(src.path());
            Fingerprint fp = Fingerprint.of(src.path());
            Ledger.SourceState known = ledger.source(dest, path);
            long from = 0;
            String note = null;
            if (known != null && resend) {
                note = "--resend: reading " + src.name() + " from the start";
            } else if (known != null) {
                if (!known.fingerprint().matches(src.path())) {
                    note = src.name() + " changed since the last run (its first bytes differ): reading it from the "
                            + "start; delivered events are still skipped";
                } else if (known.completeSize() >= 0 && known.completeSize() == size) {
                    return new Start(true, 0, null);
                } else {
                    from = known.watermark();
                }
            }
            cursors.put(src.name(), new Cursor(path, fp, size, from));
            return new Start(false, from, note);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src.name() + ": " + e.getMessage(), e);
        }
    }

    /** A line that finished without being sent (blank, skipped, invalid). */
    public void passed(String file, long line) {
        Cursor c = cursors.get(file);
        if (c != null) {
            c.watermark.passed(line);
            c.lastLine = Math.max(c.lastLine, line);
        }
    }

    /** An event handed to the sink; {@link #finished} follows when it ends. */
    public void started(String file, long line) {
        Cursor c = cursors.get(file);
        if (c != null) {
            c.watermark.start(line);
            c.lastLine = Math.max(c.lastLine, line);
        }
    }

    public void finished(String file, long line) {
        Cursor c = cursors.get(file);
        if (c != null) {
            c.watermark.finish(line);
        }
    }

    /** Every line of {@code file} was read (its events may still be in flight). */
    public void readToEnd(String file, long lines) {
        Cursor c = cursors.get(file);
        if (c != null) {
            c.readToEnd = true;
            c.lastLine = Math.max(c.lastLine, lines);
        }
    }

    /** Claims an event before it is sent: false when it was delivered (or is being sent) already. */
    public boolean claim(String key) {
        return ledger.claim(dest, key) || resend;
    }

    /** Records a delivery; the stage completes once the ledger committed it. */
    public java.util.concurrent.CompletableFuture<Void> delivered(String key) {
        return ledger.deliveredAsync(dest, key);
    }

    public void failed(String key) {
        ledger.release(dest, key);
    }

    /** Saves watermarks when a second has passed since the last save; called from the reading thread. */
    public void maybeSave() {
        long now = System.nanoTime();
        if (now - lastSave >= SAVE_EVERY_MILLIS * 1_000_000) {
            lastSave = now;
            save();
        }
    }

    /** Every input of this run: absolute path, watermark, and whether every line finished. */
    public List<io.cfsync.report.RunReport.Source> snapshot() {
        List<io.cfsync.report.RunReport.Source> out = new ArrayList<>();
        for (Cursor c : cursors.values()) {
            long wm = c.watermark.value();
            out.add(new io.cfsync.report.RunReport.Source(c.path, wm, c.readToEnd && wm >= c.lastLine));
        }
        out.sort(java.util.Comparator.comparing(io.cfsync.report.RunReport.Source::path));
        return out;
    }

    /** Saves every watermark; an input whose every line finished is marked complete at its size. */
    public void save() {
        List<Cursor> all = new ArrayList<>(cursors.values());
        for (Cursor c : all) {
            long wm = c.watermark.value();
            boolean complete = c.readToEnd && wm >= c.lastLine;
            ledger.saveSource(dest, c.path, c.fingerprint, wm, complete ? c.sizeAtStart : -1);
        }
    }
}
