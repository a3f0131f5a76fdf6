package io.cfsync.cli;

import io.cfsync.pipeline.Shard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Options that make unattended runs safe: the ledger, resend, time box, run report and sharding. */
public final class BackfillMixin {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Option(names = "--state", paramLabel = "FILE",
            description = "The run ledger (SQLite): resume points, delivered events, the overlap lock. Default: "
                    + "$XDG_STATE_HOME/cf-sync/<dest>.db, else ~/.local/state/cf-sync/<dest>.db. Not used by "
                    + "--dry-run.")
    Path state;

    @Option(names = "--no-state", description = "Use no ledger: no resume, no duplicate protection across runs, "
            + "no lock.")
    boolean noState;

    @Option(names = "--resend", description = "Send events again even when the ledger says they were delivered.")
    boolean resend;

    @Option(names = "--max-runtime", paramLabel = "DURATION",
            description = "Stop reading after DURATION (e.g. 50m, 2h, 1h30m), finish what is in flight, record "
                    + "where to continue and exit 0; the next run goes on from there.")
    String maxRuntime;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of the run to FILE.")
    Path report;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Only users whose stable hash falls in shard I of N (1-based), so N hosts can split one "
                    + "backfill; --rate is then this host's share.")
    String shard;

    Shard shard() {
        if (shard == null) {
            return Shard.ALL;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard: " + e.getMessage());
        }
    }

    /** The time box, or null for none. */
    Duration maxRuntime() {
        return maxRuntime == null ? null : duration("--max-runtime", maxRuntime);
    }

    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return positive(option, text, Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (java.time.format.DateTimeParseException e) {
                throw bad(option, text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw bad(option, text);
        }
        return positive(option, text, d);
    }

    private static Duration positive(String option, String text, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw bad(option, text);
        }
        return d;
    }

    private static UsageException bad(String option, String text) {
        return new UsageException(option + " '" + text + "' is not a duration such as 90s, 50m, 2h or 1h30m");
    }
}
