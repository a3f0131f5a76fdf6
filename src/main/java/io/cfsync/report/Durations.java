package io.cfsync.report;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, both ways: {@code 500ms}, {@code 2.5s}, {@code 15m}, {@code 1h30m}, {@code 2d}.
 * Messages never show the ISO-8601 form ({@code PT1M30S}). Stateless and thread-safe.
 */
public final class Durations {
    /** What {@link #parse} takes, for messages and help texts. */
    public static final String SYNTAX = "a duration such as 500ms, 30s, 15m, 1h30m or 2d (a bare number is seconds)";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final long DAY = 86_400_000L;

    private Durations() {
    }

    /**
     * Reads a positive duration: parts with units {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} (days of
     * 24 hours) written together, largest first or not ({@code 1h30m}, {@code 1.5h}); a bare number is seconds, as
     * for {@code sleep}; the ISO-8601 form ({@code PT15M}) is accepted too. Case and surrounding blanks do not matter.
     *
     * @throws IllegalArgumentException saying what is accepted, when {@code text} is not such a duration or is zero
     */
    public static Duration parse(String text) {
        Duration d = text == null ? null : read(text.trim().toLowerCase(Locale.ROOT));
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not " + SYNTAX);
        }
        return d;
    }

    private static Duration read(String v) {
        if (v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (v.matches("\\d+(\\.\\d+)?")) {
            return millis(Double.parseDouble(v) * 1000);
        }
        Matcher m = PART.matcher(v);
        int end = 0;
        double ms = 0;
        while (m.find() && m.start() == end) {
            ms += Double.parseDouble(m.group(1)) * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> DAY;
            };
            end = m.end();
        }
        return end == v.length() && end > 0 ? millis(ms) : null;
    }

    private static Duration millis(double ms) {
        return ms > Long.MAX_VALUE / 2.0 ? null : Duration.ofMillis(Math.round(ms));
    }

    /** {@code 250ms}, {@code 2.5s}, {@code 3s}, {@code 1m30s}, {@code 2h}, {@code 1d6h}; below a minute to 0.1s. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        long days = s / 86_400;
        long h = (s % 86_400) / 3600;
        long m = (s % 3600) / 60;
        long rest = s % 60;
        StringBuilder b = new StringBuilder();
        append(b, days, 'd');
        append(b, h, 'h');
        append(b, m, 'm');
        append(b, rest, 's');
        return b.toString();
    }

    private static void append(StringBuilder b, long n, char unit) {
        if (n > 0) {
            b.append(n).append(unit);
        }
    }
}
