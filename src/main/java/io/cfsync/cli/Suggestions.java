package io.cfsync.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "Did you mean …?" for names typed on the command line or in the config file: the known name nearest to what was
 * typed, when it is near enough to be a slip (a swapped, missing, extra or wrong letter or two) rather than another
 * word. Stateless and thread-safe.
 */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typed}, if any is close enough. Names are compared without case, and with
     * {@code fold}, also without dots, dashes, underscores and spaces ({@code customer.io} finds {@code customerio}).
     *
     * @param aliases other spellings of a candidate, mapped to it (e.g. {@code cio} to {@code customerio})
     */
    static Optional<String> closest(String typed, Collection<String> candidates, Map<String, String> aliases,
                                    boolean fold) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String t = norm(typed, fold);
        String best = null;
        int bestDistance = allowed(t) + 1;
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            int d = distance(t, norm(a.getKey(), fold));
            if (d < bestDistance) {
                best = a.getValue();
                bestDistance = d;
            }
        }
        String prefixOf = null;
        int prefixes = 0;
        for (String c : candidates) {
            String n = norm(c, fold);
            int d = distance(t, n);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
            if (n.startsWith(t) && t.replaceFirst("^-+", "").length() >= 3) {
                prefixOf = c;
                prefixes++;
            }
        }
        // An abbreviation (--conc for --concurrency) is a suggestion only when it abbreviates one name alone.
        return Optional.ofNullable(best != null ? best : prefixes == 1 ? prefixOf : null);
    }

    /** {@link #closest} as the end of a message: {@code "; did you mean 'send'?"}, or empty. */
    static String didYouMean(String typed, Collection<String> candidates, Map<String, String> aliases, boolean fold) {
        return closest(typed, candidates, aliases, fold).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /** Slips allowed: one in a short name, two from five letters, three from nine. */
    private static int allowed(String typed) {
        return typed.length() < 5 ? 1 : typed.length() < 9 ? 2 : 3;
    }

    private static String norm(String s, boolean fold) {
        String lower = s.trim().toLowerCase(Locale.ROOT);
        return fold ? lower.replaceAll("[._\\-\\s]", "") : lower;
    }

    /** Edit distance counting a swap of two neighbouring letters as one slip (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
