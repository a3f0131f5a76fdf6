package io.cfsync.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the invariant checker found for one case: figures for the soak table, and each broken invariant as a
 * sentence with a few examples. Not thread-safe (filled by one checker).
 */
final class Verdict {
    private final String label;
    private final Map<String, Long> figures = new LinkedHashMap<>();
    private final Map<String, List<String>> broken = new LinkedHashMap<>();
    private final Map<String, Integer> brokenCounts = new LinkedHashMap<>();
    private String exits = "";

    Verdict(String label) {
        this.label = label;
    }

    void figure(String name, long value) {
        figures.put(name, value);
    }

    long figure(String name) {
        return figures.getOrDefault(name, 0L);
    }

    void exits(String s) {
        exits = s;
    }

    String exits() {
        return exits;
    }

    /** Records one breach of {@code invariant}; the first five examples are kept. */
    void breach(String invariant, String example) {
        brokenCounts.merge(invariant, 1, Integer::sum);
        List<String> ex = broken.computeIfAbsent(invariant, k -> new ArrayList<>());
        if (ex.size() < 5) {
            ex.add(example);
        }
    }

    boolean ok() {
        return broken.isEmpty();
    }

    /** The broken invariants, one per line, each with its count and first examples. */
    String failures() {
        StringBuilder b = new StringBuilder(label).append(": ").append(broken.size()).append(" invariant(s) broken");
        broken.forEach((k, ex) -> b.append("\n  ").append(k).append(": ").append(brokenCounts.get(k))
                .append(" (e.g. ").append(String.join("; ", ex)).append(')'));
        return b.append("\n  figures: ").append(figures).append(", exits ").append(exits).toString();
    }

    String label() {
        return label;
    }

    List<String> brokenInvariants() {
        return List.copyOf(broken.keySet());
    }
}
