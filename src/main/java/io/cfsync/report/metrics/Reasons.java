package io.cfsync.report.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reason words as label values. Reasons are the run's own fixed words ({@code blank-line}, {@code http-400}, ...);
 * this guards the metrics against a reason ever carrying more than a word: anything not a short word of letters,
 * digits and dashes, and any reason past the first {@value #MAX} in sorted order, counts as {@code other}, so a
 * series never names event data and their number stays bounded. Stateless.
 */
final class Reasons {
    static final int MAX = 40;
    private static final int MAX_LENGTH = 48;

    private Reasons() {
    }

    /** {@code counts} with odd or surplus reasons folded into {@code other}; sorted. */
    static Map<String, Long> bounded(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            String r = e.getKey();
            boolean word = r.length() <= MAX_LENGTH && r.matches("[a-z0-9][a-z0-9_-]*");
            String label = word && (out.containsKey(r) || out.size() < MAX) ? r : "other";
            out.merge(label, e.getValue(), Long::sum);
        }
        return out;
    }
}
