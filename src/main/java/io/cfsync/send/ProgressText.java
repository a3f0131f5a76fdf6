package io.cfsync.send;

import io.cfsync.report.Durations;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The words of the progress display: a bar line that fits a terminal's width, and a log line with an ISO-8601
 * timestamp for files and cron mail. Both say the same figures. Stateless.
 */
final class ProgressText {
    /** Width of the bar graphic, when the terminal has room for it. */
    static final int BAR = 20;
    /** Fewest characters of a file name worth showing. */
    private static final int MIN_FILE = 8;

    private ProgressText() {
    }

    /**
     * {@code [#####---------------]  25%  1.2 MB/4.8 MB  3s, ETA 9s  1,234 events/s  12,345 delivered
     * 3 dead-lettered  archive/day.ndjson}, cut to fit in {@code columns - 1} characters (the last column would
     * wrap on some terminals and break the redraw): the bar graphic goes first, then the file name's start.
     */
    static String bar(StatusLine.Figures f, int columns) {
        int room = columns - 1;
        StringBuilder core = new StringBuilder();
        int pct = f.percent();
        if (pct >= 0) {
            core.append(String.format(Locale.ROOT, "%3d%%  %s/%s  %s", pct, bytes(f.bytesRead()),
                    bytes(f.bytesTotal()), duration(f.elapsedMillis())));
            Duration eta = f.eta();
            if (eta != null) {
                core.append(", ETA ").append(duration(eta.toMillis()));
            }
        } else {
            core.append(bytes(f.bytesRead())).append(" read  ").append(duration(f.elapsedMillis()));
        }
        core.append(String.format(Locale.ROOT, "  %,.0f events/s  %,d delivered  %,d dead-lettered",
                f.eventsPerSecond(), f.delivered(), f.deadLettered()));
        if (f.holdUp() != null) {
            core.append("  ").append(f.holdUp());
        }
        StringBuilder line = new StringBuilder();
        if (pct >= 0 && BAR + 3 + core.length() <= room) {
            int full = pct * BAR / 100;
            line.append('[').append("#".repeat(full)).append("-".repeat(BAR - full)).append("]  ");
        }
        line.append(core);
        int left = room - line.length() - 2;
        if (f.file() != null && left >= MIN_FILE) {
            line.append("  ").append(tail(f.file(), left));
        }
        return line.length() > room ? line.substring(0, room) : line.toString();
    }

    /**
     * {@code 2026-03-05T14:02:30Z cf-sync: progress: 25% of the input read (1.2 MB of 4.8 MB), elapsed 3s, ETA 9s,
     * 1,234 events/s, 12,345 delivered, 3 dead-lettered, 2,000 requests, 64 queued, reading archive/day.ndjson}.
     */
    static String log(StatusLine.Figures f) {
        StringBuilder b = new StringBuilder(DateTimeFormatter.ISO_INSTANT.format(f.at().truncatedTo(ChronoUnit.SECONDS)))
                .append(" cf-sync: progress: ");
        int pct = f.percent();
        if (pct >= 0) {
            b.append(pct).append("% of the input read (").append(bytes(f.bytesRead())).append(" of ")
                    .append(bytes(f.bytesTotal())).append("), elapsed ").append(duration(f.elapsedMillis()));
            Duration eta = f.eta();
            if (eta != null) {
                b.append(", ETA ").append(duration(eta.toMillis()));
            }
        } else {
            b.append(bytes(f.bytesRead())).append(" of input read, elapsed ").append(duration(f.elapsedMillis()));
        }
        b.append(String.format(Locale.ROOT, ", %,.0f events/s, %,d delivered, %,d dead-lettered, %,d requests, "
                + "%,d queued", f.eventsPerSecond(), f.delivered(), f.deadLettered(), f.requests(), f.queued()));
        if (f.holdUp() != null) {
            b.append(", ").append(f.holdUp());
        }
        if (f.file() != null) {
            b.append(", reading ").append(f.file());
        }
        return b.toString();
    }

    /** {@code 812 B}, {@code 12.3 kB}, {@code 1.2 GB}: decimal units, as disk sizes are sold and shown. */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 999.95 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Whole seconds, as the summary says them: {@code 0s}, {@code 42s}, {@code 3m10s}, {@code 1h2m}. */
    static String duration(long millis) {
        long s = Math.max(0, millis / 1000);
        return s == 0 ? "0s" : Durations.format(Duration.ofSeconds(s));
    }

    /** The end of {@code name} in at most {@code max} characters: the file is told apart by its end. */
    private static String tail(String name, int max) {
        return name.length() <= max ? name : "..." + name.substring(name.length() - (max - 3));
    }
}
