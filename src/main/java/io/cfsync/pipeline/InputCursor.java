package io.cfsync.pipeline;

import io.cfsync.input.PositionTap;
import io.cfsync.state.SourceState;
import io.cfsync.state.Watermark;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * One input in progress: its watermark, and snapshots of the {@linkplain io.cfsync.input.Position positions} its
 * framing defines, taken by the reading thread at every frame end (for NDJSON, a line: its number, offset and the
 * hash of the bytes before it). The watermark trails reading (events finish out of order), so a save stores the newest snapshot at or
 * below it. Snapshots are taken at every line so that this is the watermark itself: a resume point below it would
 * make the next run read finished lines again, and a dead-lettered line read again is dead-lettered twice.
 * Snapshots that can no longer be used are dropped, and at most {@value #MAX_SNAPSHOTS} are kept (thinned evenly
 * when a stuck event holds the watermark back that far; the resume point may then fall a little below the
 * watermark), so memory stays bounded. Thread-safe.
 */
final class InputCursor implements PositionTap {
    static final int EVERY_LINES = 1;
    static final long EVERY_BYTES = 1 << 20;
    /** Far more lines than a run keeps in flight ({@code --concurrency} × 128 queued), a few MB at most. */
    static final int MAX_SNAPSHOTS = 1 << 16;

    /** The hash of the first {@code offset} bytes, which end with line {@code line}. */
    private static final class Snapshot {
        final long line;
        final long offset;
        private MessageDigest digest;
        private String hex;

        Snapshot(long line, long offset, MessageDigest digest, String hex) {
            this.line = line;
            this.offset = offset;
            this.digest = digest;
            this.hex = hex;
        }

        String hex() {
            if (hex == null) {
                hex = HexFormat.of().formatHex(digest.digest()); // the digest is this snapshot's own copy
                digest = null;
            }
            return hex;
        }
    }

    final String path;
    final Watermark watermark;
    volatile boolean readToEnd;
    volatile long lastLine;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private long lastSnapLine;
    private long lastSnapOffset;

    /** Starts at line {@code from}, whose first {@code offset} bytes hash to {@code hex} (0, 0, null: the start). */
    InputCursor(String path, long from, long offset, String hex) {
        this.path = path;
        this.watermark = new Watermark(from);
        this.snapshots.add(new Snapshot(from, offset, hex == null ? PositionTap.sha256() : null, hex));
        this.lastSnapLine = from;
        this.lastSnapOffset = offset;
    }

    @Override
    public synchronized void frameEnd(long line, long endOffset, Supplier<MessageDigest> digest) {
        if (line - lastSnapLine >= EVERY_LINES || endOffset - lastSnapOffset >= EVERY_BYTES) {
            add(line, endOffset, digest);
        }
    }

    @Override
    public synchronized void end(long lines, long length, Supplier<MessageDigest> digest) {
        if (lines > lastSnapLine || lines == 0) {
            add(lines, length, digest);
        }
    }

    private void add(long line, long offset, Supplier<MessageDigest> digest) {
        if (line < lastSnapLine) {
            return;
        }
        if (line == lastSnapLine) {
            snapshots.remove(snapshots.size() - 1);
        }
        snapshots.add(new Snapshot(line, offset, digest.get(), null));
        lastSnapLine = line;
        lastSnapOffset = offset;
        if (snapshots.size() > MAX_SNAPSHOTS) {
            thin();
        }
    }

    /**
     * Drops every other snapshot, keeping the oldest (it may be the only one at or below the watermark) and the
     * newest: the spacing doubles, the count halves.
     */
    private void thin() {
        List<Snapshot> kept = new ArrayList<>(MAX_SNAPSHOTS / 2 + 2);
        for (int i = snapshots.size() - 1; i > 0; i -= 2) {
            kept.add(0, snapshots.get(i));
        }
        kept.add(0, snapshots.get(0));
        snapshots.clear();
        snapshots.addAll(kept);
    }

    /**
     * What to record now: the newest snapshot at or below the watermark (older ones are dropped), and the lines
     * after it that finished too, vouched for by the snapshot of the last of them.
     */
    synchronized SourceState state() {
        long wm = watermark.value();
        int best = 0;
        for (int i = 0; i < snapshots.size() && snapshots.get(i).line <= wm; i++) {
            best = i;
        }
        snapshots.subList(0, best).clear();
        Snapshot s = snapshots.get(0);
        boolean complete = readToEnd && wm >= lastLine && s.line == lastLine;
        Snapshot far = null;
        long highest = watermark.highest();
        for (int i = snapshots.size() - 1; i > 0; i--) {
            if (snapshots.get(i).line <= highest) {
                far = snapshots.get(i);
                break;
            }
        }
        String beyond = far == null ? null : watermark.finishedBetween(s.line, far.line);
        if (beyond == null) {
            return new SourceState(path, s.line, s.offset, s.hex(), complete);
        }
        return new SourceState(path, s.line, s.offset, s.hex(), complete,
                new SourceState.Beyond(beyond, far.offset, far.hex()));
    }

    synchronized int snapshotCount() {
        return snapshots.size();
    }
}
