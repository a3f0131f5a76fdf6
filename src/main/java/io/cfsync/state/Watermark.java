package io.cfsync.state;

import java.util.TreeMap;

/**
 * Which lines of one input are finished, when events finish in any order: the watermark is the line below and at
 * which every event is finished (delivered, skipped or dead-lettered). Memory is bounded by the events in flight.
 * Thread-safe.
 */
public final class Watermark {
    private final TreeMap<Long, Integer> pending = new TreeMap<>();
    private long highest;

    /** @param resumeFrom the watermark an earlier run recorded (0 for none) */
    public Watermark(long resumeFrom) {
        this.highest = resumeFrom;
    }

    /** An event of {@code line} is on its way; {@link #finish} must follow. */
    public synchronized void start(long line) {
        pending.merge(line, 1, Integer::sum);
        highest = Math.max(highest, line);
    }

    public synchronized void finish(long line) {
        pending.computeIfPresent(line, (k, v) -> v == 1 ? null : v - 1);
    }

    /** A line read and finished at once (blank, skipped, invalid). */
    public synchronized void passed(long line) {
        highest = Math.max(highest, line);
    }

    /** The highest line seen. */
    public synchronized long highest() {
        return highest;
    }

    /**
     * The lines in {@code (from, to]} that are finished (not pending), as ranges {@code "a-b,c"}, or null for none.
     * Every line up to {@link #highest} was read, so a line there that is not pending is finished.
     */
    public synchronized String finishedBetween(long from, long to) {
        StringBuilder b = new StringBuilder();
        long start = from + 1;
        for (long p : pending.subMap(from, false, to, true).keySet()) {
            range(b, start, p - 1);
            start = p + 1;
        }
        range(b, start, to);
        return b.length() == 0 ? null : b.toString();
    }

    private static void range(StringBuilder b, long a, long z) {
        if (a > z) {
            return;
        }
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(a);
        if (z > a) {
            b.append('-').append(z);
        }
    }

    public synchronized long value() {
        return pending.isEmpty() ? highest : pending.firstKey() - 1;
    }
}
