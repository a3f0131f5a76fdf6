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
     * @param verb       what happened to good events: {@code mapped} in a dry-run, {@code delivered} when sending
     *                   (which adds requests sent, retries, achieved rate, responses by status and events not
     *                   attempted)
     * @param deadLetter the dead-letter file, or null when none was written
     */
    public static void print(PrintStream err, String title, RunStats s, String verb, Path deadLetter,
                             long elapsedMillis) {
        long events = s.eventsByType.total();
        err.printf(Locale.ROOT, "%s: %,d lines read, %,d events in %.1f s%n", title, s.lines.sum(), events,
                elapsedMillis / 1000.0);
        if (events > 0) {
            err.println("  events:        " + join(s.eventsByType.snapshot()));
        }
        boolean sending = verb.equals("delivered");
        if (sending) {
            err.printf(Locale.ROOT, "  %-14s %,d events%n", verb + ":", s.delivered.sum());
        } else {
            err.printf(Locale.ROOT, "  %-14s %,d events, %,d requests%n", verb + ":", s.delivered.sum(),
                    s.requests.sum());
        }
        long skipped = s.skipped.total();
        err.printf(Locale.ROOT, "  skipped:       %,d%s%n", skipped,
                skipped > 0 ? " (" + join(s.skipped.snapshot()) + ")" : "");
        long dead = s.deadLettered.total();
        err.printf(Locale.ROOT, "  dead-lettered: %,d%s%n", dead,
                dead > 0 ? " (" + join(s.deadLettered.snapshot()) + ")" : "");
        if (s.inputErrors.total() > 0) {
            err.printf(Locale.ROOT, "  input errors:  %,d (%s)%n", s.inputErrors.total(), join(s.inputErrors.snapshot()));
        }
        if (sending && s.pending() > 0) {
            err.printf(Locale.ROOT, "  pending:       %,d (not attempted: %,d, interrupted: %,d; the next run sends "
                    + "them)%n", s.pending(), s.notAttempted.sum(), s.interrupted.sum());
        }
        if (sending) {
            long sent = s.httpRequests.sum();
            err.printf(Locale.ROOT, "  requests:      %,d sent, %,d of them retries, %,.1f requests/s%n", sent,
                    s.retries.sum(), elapsedMillis > 0 ? sent * 1000.0 / elapsedMillis : 0.0);
            if (sent > 0) {
                err.println("  responses:     " + join(s.httpStatus.snapshot()));
            }
        }
        if (dead > 0 && deadLetter != null) {
            err.println("  dead letters:  " + deadLetter + " (fix and replay with: cf-sync send ... " + deadLetter
                    + ")");
        }
        if (s.warnings.total() > 0) {
            err.println("  warnings:      " + join(s.warnings.snapshot()));
        }
        if (s.keptWithoutTime.sum() > 0) {
            err.printf(Locale.ROOT, "  kept without a timestamp by --since/--until: %,d%n", s.keptWithoutTime.sum());
        }
    }

    /** The summary's last line: the exit code the run ends with and, for an aborted run, why in words. */
    public static void printExit(PrintStream err, int code, String abortCause) {
        err.println("  exit code:     " + code + (abortCause == null ? "" : " (run aborted: " + abortCause + ")"));
    }

    static String join(Map<String, Long> counts) {
        StringJoiner j = new StringJoiner(", ");
        counts.forEach((k, v) -> j.add(k + " " + String.format(Locale.ROOT, "%,d", v)));
        return j.toString();
    }
}
