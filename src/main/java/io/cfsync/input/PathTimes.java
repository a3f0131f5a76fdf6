package io.cfsync.input;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The span of receive times an archive path proves its events fall in, from the layouts Segment and RudderStack
 * write:
 * <ul>
 * <li>Segment: {@code …/segment-logs/<source-id>/<received-day>/<file>}, the day as Unix milliseconds (UTC
 * midnight): that day;</li>
 * <li>RudderStack: {@code …/gw/<YYYY-MM-DD>/<H>/…}: that day, and that hour when given; a file
 * {@code <firstTs>_<lastTs>_<workspace>_<uuid>.json.gz}: from the first to the last second (Unix seconds);</li>
 * <li>RudderStack: {@code gw_jobs_<table>.<startJob>.<endJob>.<minMs>.<maxMs>.gz}: from the first to the last
 * millisecond.</li>
 * </ul>
 * Every clue found narrows the span; a path with none proves nothing. Stateless.
 */
final class PathTimes {
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    private static final Pattern MILLIS = Pattern.compile("\\d{12,14}");
    private static final Pattern HOUR_DIR = Pattern.compile("\\d{1,2}");
    private static final Pattern RUDDER_FILE = Pattern.compile("(\\d{9,11})_(\\d{9,11})_[^/]*\\.json(?:\\.gz)?");
    private static final Pattern RUDDER_JOBS = Pattern.compile("gw_jobs_[^/]*\\.(\\d{12,14})\\.(\\d{12,14})"
            + "(?:\\.json)?\\.gz");

    /** A span of milliseconds, {@code [from, to)}. */
    public record Span(long from, long to) {
        Span narrow(long f, long t) {
            return new Span(Math.max(from, f), Math.min(to, t));
        }
    }

    private PathTimes() {
    }

    /** The span {@code path} (folders separated by {@code /}) proves, or null when it proves none. */
    public static Span of(String path) {
        String[] parts = path.split("/");
        Span span = new Span(Long.MIN_VALUE, Long.MAX_VALUE);
        boolean found = false;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("segment-logs") && i + 3 < parts.length && MILLIS.matcher(parts[i + 2]).matches()) {
                long day = Long.parseLong(parts[i + 2]);
                span = span.narrow(day, day + DAY);
                found = true;
            } else if (p.equals("gw") && i + 2 < parts.length) {
                Long day = date(parts[i + 1]);
                if (day != null) {
                    span = span.narrow(day, day + DAY);
                    found = true;
                    if (i + 3 < parts.length && HOUR_DIR.matcher(parts[i + 2]).matches()
                            && Integer.parseInt(parts[i + 2]) < 24) {
                        long h = day + Integer.parseInt(parts[i + 2]) * HOUR;
                        span = span.narrow(h, h + HOUR);
                    }
                }
            }
        }
        String name = parts[parts.length - 1];
        Matcher m = RUDDER_FILE.matcher(name);
        if (m.matches()) {
            span = span.narrow(Long.parseLong(m.group(1)) * 1000, Long.parseLong(m.group(2)) * 1000 + 1000);
            found = true;
        }
        m = RUDDER_JOBS.matcher(name);
        if (m.matches()) {
            span = span.narrow(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) + 1);
            found = true;
        }
        return found ? span : null;
    }

    private static Long date(String s) {
        if (s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
