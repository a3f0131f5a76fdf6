package io.cfsync.pipeline;

import java.util.Arrays;

/**
 * A set of input lines written as ranges ({@code "12-15,18"}), as the ledger records the lines an earlier run
 * finished beyond its watermark. Immutable.
 */
final class LineRanges {
    private final long[] starts;
    private final long[] ends;

    private LineRanges(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** The ranges in {@code text}, or null when it is null, empty or not in the ledger's form. */
    static LineRanges parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] parts = text.split(",");
        long[] s = new long[parts.length];
        long[] e = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                int dash = parts[i].indexOf('-');
                s[i] = Long.parseLong(dash < 0 ? parts[i] : parts[i].substring(0, dash));
                e[i] = dash < 0 ? s[i] : Long.parseLong(parts[i].substring(dash + 1));
                if (e[i] < s[i] || (i > 0 && s[i] <= e[i - 1])) {
                    return null;
                }
            }
        } catch (NumberFormatException ex) {
            return null;
        }
        return new LineRanges(s, e);
    }

    /** The highest line in the set. */
    long last() {
        return ends[ends.length - 1];
    }

    boolean contains(long line) {
        int i = Arrays.binarySearch(starts, line);
        if (i >= 0) {
            return true;
        }
        int before = -i - 2;
        return before >= 0 && line <= ends[before];
    }
}
