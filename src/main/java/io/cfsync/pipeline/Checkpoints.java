package io.cfsync.pipeline;

import io.cfsync.dest.PrePass;
import io.cfsync.event.Event;
import io.cfsync.input.InputSource;
import io.cfsync.input.Position;
import io.cfsync.input.PositionCheck;
import io.cfsync.input.PositionTap;
import io.cfsync.report.RunReport;
import io.cfsync.state.Ledger;
import io.cfsync.state.SourceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resume and dedupe through the ledger for one destination: where to start in each input, which events were
 * delivered already, and watermarks saved as events finish (periodically and at the end). An input is known by its
 * absolute path (by its bytes when its name is not UTF-8, see {@link InputSource#ledgerKey}); a recorded
 * watermark is used only when the input's bytes up to it still hash to what was recorded, else the input is read
 * from the start and the delivered keys skip what was sent. An object in object storage is known by its URI and
 * ETag: the same tag vouches for the same bytes without reading them again, and a new tag makes a new input (read
 * from the start, delivered keys skipping what was sent). Standard input and pipes have no resume.
 * A pre-pass's state (Kustomer's automatic sessions) is saved with the watermarks, exactly as of them
 * ({@link PrePassTrail}), so a resumed run continues it. Thread-safe.
 */
final class Checkpoints {
    /**
     * What to do with one input: skip it whole, or read it from {@code skipThrough} on, leaving out the lines an
     * earlier run finished beyond its watermark.
     */
    public record Start(boolean skipWhole, long skipThrough, String note, LineRanges finishedEarlier) {
        Start(boolean skipWhole, long skipThrough, String note) {
            this(skipWhole, skipThrough, note, null);
        }

        /** Whether an earlier run finished {@code line} already (beyond the point reading resumes at). */
        public boolean finishedEarlier(long line) {
            return finishedEarlier != null && finishedEarlier.contains(line);
        }

        Start withFinishedEarlier(LineRanges ranges) {
            return new Start(skipWhole, skipThrough, note, ranges);
        }
    }

    private static final long SAVE_EVERY_MILLIS = 1000;
    private final Ledger ledger;
    private final String dest;
    private final boolean resend;
    private final Map<String, InputCursor> cursors = new ConcurrentHashMap<>();
    private volatile Runnable beforeSave = () -> { };
    private volatile PrePassTrail trail;
    private long lastSave = System.nanoTime();

    /** @param resend when true, send events again even when the ledger says they were delivered */
    public Checkpoints(Ledger ledger, String dest, boolean resend) {
        this.ledger = ledger;
        this.dest = dest;
        this.resend = resend;
    }

    /** The bulk jobs of this destination that earlier runs left unread, and where new ones are remembered. */
    public io.cfsync.send.BulkJobs bulkJobs() {
        return new LedgerBulkJobs(ledger, dest);
    }

    /**
     * Runs {@code hook} at the start of every {@link #save}, before any watermark is written: whatever a watermark
     * vouches for (such as dead-letter lines) can be made durable first. A hook that throws stops the save.
     */
    public Checkpoints beforeSave(Runnable hook) {
        this.beforeSave = hook == null ? () -> { } : hook;
        return this;
    }

    /**
     * Keeps {@code prePass}'s state (when it has any worth keeping, see {@link PrePass#twin}) saved with the
     * watermarks from now on. When this run resumes (an input is known to the ledger, and not {@code --resend}),
     * the pre-pass first continues from the state saved with the watermarks; otherwise that state is dropped, as
     * it belongs to other input.
     */
    public void keepPrePass(PrePass prePass, List<InputSource> inputs) {
        PrePass twin = prePass == null ? null : prePass.twin();
        if (twin == null) {
            return;
        }
        boolean resumes = !resend && inputs.stream().anyMatch(src -> src.ledgerKey() != null
                && ledger.source(dest, src.ledgerKey()) != null);
        if (resumes) {
            Map<String, String> rows = ledger.prePass(dest);
            prePass.restore(rows);
            twin.restore(rows);
        } else {
            ledger.clearPrePass(dest);
        }
        trail = new PrePassTrail(twin);
    }

    /** The run's pre-pass was asked about {@code e}, read at {@code file:line}. */
    public void prePassed(String file, long line, Event e) {
        PrePassTrail t = trail;
        if (t == null) {
            return;
        }
        if (cursors.get(file) == null) {
            t.turnOff(); // standard input: no watermark to save the state with
        } else {
            t.seen(file, line, e);
        }
    }

    /** Decides where reading {@code src} starts, and starts tracking it. */
    public Start open(InputSource src) {
        if (src.isStdin()) {
            return new Start(false, 0, "standard input has no resume: every event is read (delivered ones are "
                    + "still skipped)");
        }
        if (src.isStream()) {
            return new Start(false, 0, src.name() + " is a pipe, not a file: read once as it comes, with no resume "
                    + "point (delivered events are still skipped)");
        }
        String path = src.ledgerKey();
        SourceState known = ledger.source(dest, path);
        if (known == null) {
            return track(src, path, null, src.version() != null ? changedObject(src) : sharedName(src));
        }
        if (resend) {
            return track(src, path, null, "--resend: reading " + src.name() + " from the start");
        }
        if (known.prefixSha256() == null) {
            return track(src, path, null, src.name() + " was recorded by an older cf-sync, without a hash of its "
                    + "content: reading it from the start once; delivered events are skipped");
        }
        PositionCheck r;
        try {
            r = src.version() != null ? PositionCheck.sameVersion(known.complete()) : src.framing().compare(src,
                    new Position(known.watermark(), known.offset(), known.prefixSha256()), beyond(known));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src.name() + ": " + e.getMessage(), e);
        }
        return switch (r.result()) {
            case SAME_TO_END -> new Start(true, 0, null);
            case SAME_THEN_MORE -> track(src, path, known, null)
                    .withFinishedEarlier(r.beyondSame() ? LineRanges.parse(known.finishedBeyond()) : null);
            case DIFFERENT -> track(src, path, null, src.name() + " changed since the last run (the bytes before "
                    + src.framing().frameName() + " " + (known.watermark() + 1) + " differ): reading it from the "
                    + "start; delivered events are skipped");
        };
    }

    /** Where the frames an earlier run finished beyond its resume point end, or null when none were. */
    private static Position beyond(SourceState known) {
        LineRanges finished = LineRanges.parse(known.finishedBeyond());
        return finished == null || known.beyondSha256() == null ? null
                : new Position(finished.last(), known.beyondOffset(), known.beyondSha256());
    }

    /** A note when an earlier version of this object was read: it changed (new ETag), so it is read whole. */
    private String changedObject(InputSource src) {
        List<String> earlier = ledger.pathsStartingWith(dest, src.versionsKey());
        return earlier.isEmpty() ? null : src.name() + " changed since the last run (a new ETag): reading it from "
                + "the start; delivered events are skipped";
    }

    /**
     * A note when an older cf-sync recorded this file under the name it shares with others (bytes that are not
     * UTF-8 in its name): that row may belong to any of them, so it is not used.
     */
    private String sharedName(InputSource src) {
        String legacy = src.legacyLedgerKey();
        return legacy == null || ledger.source(dest, legacy) == null ? null : src.name() + " was recorded by an older "
                + "cf-sync under a name other files share (its name is not UTF-8): reading it from the start once; "
                + "delivered events are skipped";
    }

    private Start track(InputSource src, String path, SourceState resumeAt, String note) {
        InputCursor c = resumeAt == null ? new InputCursor(path, 0, 0, null)
                : new InputCursor(path, resumeAt.watermark(), resumeAt.offset(), resumeAt.prefixSha256());
        cursors.put(src.name(), c);
        return new Start(false, resumeAt == null ? 0 : resumeAt.watermark(), note);
    }

    /** Sees the positions of {@code file} as it is read, to prove them later; null when it is not tracked. */
    public PositionTap tap(String file) {
        return cursors.get(file);
    }

    /** A line that finished without being sent (blank, skipped, invalid). */
    public void passed(String file, long line) {
        InputCursor c = cursors.get(file);
        if (c != null) {
            c.watermark.passed(line);
            c.lastLine = Math.max(c.lastLine, line);
        }
    }

    /** An event handed to the sink; {@link #finished} follows when it ends. */
    public void started(String file, long line) {
        InputCursor c = cursors.get(file);
        if (c != null) {
            c.watermark.start(line);
            c.lastLine = Math.max(c.lastLine, line);
        }
    }

    public void finished(String file, long line) {
        InputCursor c = cursors.get(file);
        if (c != null) {
            c.watermark.finish(line);
        }
    }

    /** Every line of {@code file} was read (its events may still be in flight). */
    public void readToEnd(String file, long lines) {
        InputCursor c = cursors.get(file);
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
    public CompletableFuture<Void> delivered(String key) {
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
    public List<RunReport.Source> snapshot() {
        List<RunReport.Source> out = new ArrayList<>();
        for (InputCursor c : cursors.values()) {
            long wm = c.watermark.value();
            out.add(new RunReport.Source(c.path, wm, c.readToEnd && wm >= c.lastLine));
        }
        out.sort(Comparator.comparing(RunReport.Source::path));
        return out;
    }

    /**
     * Runs the {@link #beforeSave} hook, then saves every input's resume point: the newest hashed line at or below
     * its watermark; an input whose every line finished is marked complete.
     */
    public void save() {
        beforeSave.run();
        Map<String, Long> saved = new java.util.HashMap<>();
        for (Map.Entry<String, InputCursor> c : new ArrayList<>(cursors.entrySet())) {
            SourceState s = c.getValue().state();
            ledger.saveSource(dest, s);
            saved.put(c.getKey(), s.watermark());
        }
        PrePassTrail t = trail;
        if (t != null) {
            // After the watermarks: a crash between the two leaves the state behind them, never ahead.
            ledger.savePrePass(dest, t.advance(file -> saved.getOrDefault(file, -1L)));
        }
    }
}
