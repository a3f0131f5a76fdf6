package io.cfsync.send;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations for people: {@code 500ms}, {@code 2.5s}, {@code 15m}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private Durations() {
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long rest = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (rest > 0) {
            b.append(rest).append('s');
        }
        return b.toString();
    }

    /**
     * A positive duration as people write it: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h30m}, a bare number
     * of seconds, or ISO-8601 {@code PT15M}. The one parser for every place that takes a duration.
     *
     * @throws IllegalArgumentException saying what is wrong, in words for the person
     */
    public static Duration parse(String value) {
        Duration d = value == null ? null : parsed(value.trim().toLowerCase(Locale.ROOT));
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 500ms, 30s, 15m or 1h");
        }
        return d;
    }

    private static Duration parsed(String v) {
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
            double n = Double.parseDouble(m.group(1));
            ms += n * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            end = m.end();
        }
        return end == v.length() && end > 0 ? millis(ms) : null;
    }

    private static Duration millis(double ms) {
        return ms > Long.MAX_VALUE / 2.0 ? null : Duration.ofMillis(Math.round(ms));
    }
}
