package io.cfsync.report;

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
     * {@code [##########----------]  50%  1,500/~3,000 events  50s, ETA 50s  30 events/s (ceiling 30/s)
     * 1,497 delivered  3 dead-lettered  archive/day.ndjson}, cut to fit in {@code columns - 1} characters (the last
     * column would wrap on some terminals and break the redraw): the bar graphic goes first, then the file name's
     * start. A total still estimated from the bytes read is marked {@code ~}.
     */
    static String bar(StatusLine.Figures f, int columns) {
        int room = columns - 1;
        StringBuilder core = new StringBuilder();
        int pct = f.percent();
        if (pct >= 0) {
            core.append(String.format(Locale.ROOT, "%3d%%  %,d/%s events  %s", pct, f.settled(), total(f),
                    duration(f.now().elapsedMillis())));
            Duration eta = f.eta();
            if (eta != null) {
                core.append(", ETA ").append(duration(eta.toMillis() + 500));
            }
        } else {
            core.append(String.format(Locale.ROOT, "%,d events settled  %s", f.settled(),
                    duration(f.now().elapsedMillis())));
        }
        Snapshot.Counts c = f.now().counts();
        core.append("  ").append(rate(f)).append(String.format(Locale.ROOT, "  %,d delivered  %,d dead-lettered",
                c.delivered(), c.deadLettered()));
        if (f.holdUp() != null) {
            core.append("  ").append(f.holdUp());
        }
        StringBuilder line = new StringBuilder();
        if (pct >= 0 && BAR + 3 + core.length() <= room) {
            int full = pct * BAR / 100;
            line.append('[').append("#".repeat(full)).append("-".repeat(BAR - full)).append("]  ");
        }
        line.append(core);
        String file = f.now().input().file();
        int left = room - line.length() - 2;
        if (file != null && left >= MIN_FILE) {
            line.append("  ").append(tail(file, left));
        }
        return line.length() > room ? line.substring(0, room) : line.toString();
    }

    /**
     * {@code 2026-03-05T14:02:30Z cf-sync: progress: 50% settled (1,500 of ~3,000 events), elapsed 50s, ETA 50s,
     * 30 events/s (ceiling 30/s), 1,497 delivered, 3 dead-lettered, 1,510 requests, 64 in flight, 1.2 MB of 4.8 MB
     * read, reading archive/day.ndjson}.
     */
    static String log(StatusLine.Figures f) {
        Snapshot s = f.now();
        StringBuilder b = new StringBuilder(DateTimeFormatter.ISO_INSTANT.format(s.at().truncatedTo(ChronoUnit.SECONDS)))
                .append(" cf-sync: progress: ");
        int pct = f.percent();
        if (pct >= 0) {
            b.append(pct).append(String.format(Locale.ROOT, "%% settled (%,d of %s events), elapsed ", f.settled(),
                    total(f))).append(duration(s.elapsedMillis()));
            Duration eta = f.eta();
            if (eta != null) {
                b.append(", ETA ").append(duration(eta.toMillis() + 500));
            }
        } else {
            b.append(String.format(Locale.ROOT, "%,d events settled, elapsed ", f.settled()))
                    .append(duration(s.elapsedMillis()));
        }
        b.append(", ").append(rate(f)).append(String.format(Locale.ROOT, ", %,d delivered, %,d dead-lettered, "
                + "%,d requests, %,d in flight", s.counts().delivered(), s.counts().deadLettered(),
                s.http().requests(), s.sending().inFlight()));
        InputGauge.Reading in = s.input();
        b.append(", ").append(bytes(in.bytesRead()));
        if (in.bytesTotal() >= 0) {
            b.append(" of ").append(bytes(in.bytesTotal()));
        }
        b.append(" read");
        if (f.holdUp() != null) {
            b.append(", ").append(f.holdUp());
        }
        if (in.file() != null) {
            b.append(", reading ").append(in.file());
        }
        return b.toString();
    }

    /** {@code 3,000}, or {@code ~3,000} while the total is estimated from the bytes read. */
    private static String total(StatusLine.Figures f) {
        String n = String.format(Locale.ROOT, "%,d", f.now().totalEstimate());
        return f.now().sending().readingDone() ? n : "~" + n;
    }

    /** {@code 30 events/s (ceiling 30/s)}: the settling pace lately beside the most allowed. */
    private static String rate(StatusLine.Figures f) {
        String r = String.format(Locale.ROOT, "%,.0f events/s", f.eventsPerSecond());
        double ceiling = f.now().sending().ceiling();
        return Double.isInfinite(ceiling) ? r : r + " (ceiling " + RunStats.Rate.perSecond(ceiling) + ")";
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

    /** Whole seconds, as the summary says them (a time left is rounded, by adding half a second first): {@code 0s}, {@code 42s}, {@code 3m10s}, {@code 1h2m}. */
    static String duration(long millis) {
        long s = Math.max(0, millis / 1000);
        return s == 0 ? "0s" : Durations.format(Duration.ofSeconds(s));
    }

    /** The end of {@code name} in at most {@code max} characters: the file is told apart by its end. */
    private static String tail(String name, int max) {
        return name.length() <= max ? name : "..." + name.substring(name.length() - (max - 3));
    }
}
