package io.cfsync.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The end-of-run summary printed on stderr for people. */
public final class Summary {
    private Summary() {
    }

    /**
     * What kind of run the summary tells of.
     *
     * @param verb    what happened to good events: {@code mapped} in a dry-run, {@code delivered} when sending
     *                (which adds requests sent, retries, achieved rate, responses by status and events not
     *                attempted), {@code valid} for validate
     * @param verbose {@code --verbose} was given, so the inputs left out were named already
     */
    public record Kind(String verb, boolean verbose) {
    }

    /** @param deadLetter the dead-letter file, or null when none was written */
    public static void print(PrintStream err, String title, RunStats s, Kind kind, Path deadLetter,
                             long elapsedMillis) {
        String verb = kind.verb();
        long events = s.eventsByType.total();
        err.println(title + ": " + Plural.count(s.lines.sum(), "line") + " read, " + Plural.count(events, "event")
                + " in " + Durations.format(java.time.Duration.ofMillis(Math.max(0, elapsedMillis))));
        if (events > 0) {
            err.println("  events:        " + join(s.eventsByType.snapshot()));
        }
        boolean sending = verb.equals("delivered");
        boolean validating = verb.equals("valid");
        if (sending || validating) {
            err.printf(Locale.ROOT, "  %-14s %s%n", verb + ":", Plural.count(s.delivered.sum(), "event"));
        } else {
            err.printf(Locale.ROOT, "  %-14s %s, %s%n", verb + ":", Plural.count(s.delivered.sum(), "event"),
                    Plural.count(s.requests.sum(), "request"));
        }
        long skipped = s.skipped.total();
        err.printf(Locale.ROOT, "  skipped:       %,d%s%n", skipped,
                skipped > 0 ? " (" + join(s.skipped.snapshot()) + ")" : "");
        long dead = s.deadLettered.total();
        // validate sends and writes nothing: its refused events are only invalid.
        err.printf(Locale.ROOT, validating ? "  invalid:       %,d%s%n" : "  dead-lettered: %,d%s%n", dead,
                dead > 0 ? " (" + join(s.deadLettered.snapshot()) + ")" : "");
        if (s.compacted.sum() > 0) {
            err.printf(Locale.ROOT, "  compacted:     %,d identify calls merged into %,d (%,d fewer calls to send)%n",
                    s.compacted.sum() + s.mergedCalls.sum(), s.mergedCalls.sum(), s.compacted.sum());
        }
        if (s.inputErrors.total() > 0) {
            err.printf(Locale.ROOT, "  input errors:  %,d (%s)%n", s.inputErrors.total(), join(s.inputErrors.snapshot()));
        }
        if (s.inputsLeftOut.total() > 0) {
            // validate names them on stdout; send names them with --verbose, so the hint is for a run without it
            err.printf(Locale.ROOT, "  inputs left out: %,d (%s%s)%n", s.inputsLeftOut.total(),
                    join(s.inputsLeftOut.snapshot()), validating || kind.verbose() ? "" : "; --verbose names them");
        }
        if (s.inputsFinished.sum() > 0) {
            err.printf(Locale.ROOT, "  inputs finished earlier: %,d (by an earlier run; not read again)%n",
                    s.inputsFinished.sum());
        }
        if (sending && s.pending() > 0) {
            err.printf(Locale.ROOT, "  pending:       %,d (not attempted: %,d, interrupted: %,d; the next run sends "
                    + "them)%n", s.pending(), s.notAttempted.sum(), s.interrupted.sum());
        }
        if (sending) {
            long sent = s.httpRequests.sum();
            long retries = s.retries.sum();
            err.printf(Locale.ROOT, "  requests:      %,d sent, %,d of them %s, %,.1f requests/s%n", sent,
                    retries, Plural.noun(retries, "a retry", "retries"),
                    elapsedMillis > 0 ? sent * 1000.0 / elapsedMillis : 0.0);
            if (sent > 0) {
                err.println("  responses:     " + join(s.httpStatus.snapshot()));
            }
            RunStats.Rate rate = s.rate.get();
            if (rate != null && rate.cuts() > 0) {
                err.printf(Locale.ROOT, "  rate:          lowered by 429s %,d time%s (lowest %s, %s at the end; "
                        + "--rate %s)%n", rate.cuts(), rate.cuts() == 1 ? "" : "s", RunStats.Rate.perSecond(rate.lowest()),
                        RunStats.Rate.perSecond(rate.atEnd()), RunStats.Rate.perSecond(rate.ceiling()));
            }
        }
        if (dead > 0 && deadLetter != null) {
            err.println("  dead letters:  " + deadLetter + " (fix and replay with: cf-sync send ... " + deadLetter
                    + ")");
        }
        if (s.warnings.total() > 0) {
            err.println("  warnings:      " + join(s.warnings.snapshot()));
        }
        if (s.recent.total() > 0 && s.recentMeaning.get() != null) {
            err.println("  recent:        " + Plural.count(s.recent.total(), "event") + " (" + join(s.recent.snapshot())
                    + ") " + s.recentMeaning.get());
        }
        if (s.limitStop.sum() > 0) {
            err.printf(Locale.ROOT, "  limit:         reading stopped by --limit after %,d events were taken (a "
                    + "batch line is never split); the rest of the input was not read%n", s.limitStop.sum());
        }
        if (s.keptWithoutTime.sum() > 0) {
            err.printf(Locale.ROOT, "  kept without a timestamp by --since/--until: %,d%n", s.keptWithoutTime.sum());
        }
    }

    /**
     * The dry-run's estimate: how many requests a real send would make (as the dry-run printed them, after
     * batching) and how long they take at {@code rate}, the destination's default or {@code --rate}. A real send
     * never goes faster; 429s can make it slower.
     */
    public static void estimate(PrintStream err, RunStats s, double rate) {
        long n = s.plannedRequests.sum();
        if (n == 0) {
            return;
        }
        String requests = (s.plannedLookups.sum() > 0 ? "up to " : "") + Plural.number(n)
                + (n == 1 ? " request" : " requests");
        String time = Double.isInfinite(rate) ? "no --rate limit, so as fast as the vendor answers"
                : "about " + roughly(n / rate) + " at " + RunStats.Rate.perSecond(rate).replace("/s", " requests/s");
        err.println("  estimate:      a real send would make " + requests + ": " + time);
    }

    /** {@code 40 s}, {@code 2 min}, {@code 3 h 20 min}: a duration to the nearest unit a person plans with. */
    static String roughly(double seconds) {
        if (seconds < 59.5) {
            return Math.max(1, Math.round(seconds)) + " s";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        long h = minutes / 60;
        long m = minutes % 60;
        return String.format(Locale.ROOT, "%,d h", h) + (m > 0 && h < 48 ? " " + m + " min" : "");
    }

    /** Said with a signal's stop while a second signal can still quit at once; not once the run has ended. */
    public static final String AGAIN_TO_QUIT = " (again to quit at once)";

    /** The summary's last line: the exit code the run ends with and, for an aborted run, why in words. */
    public static void printExit(PrintStream err, int code, String abortCause) {
        err.println("  exit code:     " + code + (abortCause == null ? ""
                : " (run aborted: " + abortCause.replace(AGAIN_TO_QUIT, "") + ")"));
    }

    static String join(Map<String, Long> counts) {
        StringJoiner j = new StringJoiner(", ");
        counts.forEach((k, v) -> j.add(k + " " + Plural.number(v)));
        return j.toString();
    }
}
