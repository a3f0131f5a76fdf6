package io.cfsync.send;

import io.cfsync.report.Redactor;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a sink talks to the person running it, and how much. Every line goes through {@link #redactor}. Immutable.
 *
 * @param err           where notes, progress and verbose lines go
 * @param redactor      guards every text printed or handed on
 * @param progress      how progress is shown
 * @param verbose       print each failed attempt
 * @param handleSignals whether SIGINT/SIGTERM stop the run gracefully (the real process) or are left alone (tests,
 *                      hosts that own the process)
 */
public record Console(PrintStream err, Redactor redactor, ProgressMode progress, boolean verbose,
                      boolean handleSignals) {
    /** How progress is shown: a redrawn status line, a status line every 10 s, or nothing. */
    public enum ProgressMode { bar, log, none }

    public Console {
        Objects.requireNonNull(err);
        Objects.requireNonNull(redactor);
        Objects.requireNonNull(progress);
    }

    /** No progress, no verbose lines, signals left alone. */
    public static Console quiet(PrintStream err, Redactor redactor) {
        return new Console(err, redactor, ProgressMode.none, false, false);
    }

    /** A note for the person, redacted. */
    void note(String line) {
        err.println("cf-sync: " + redactor.redact(line));
    }

    /** Where verbose lines go, or null when they are not wanted. */
    Consumer<String> verboseLog() {
        return verbose ? this::note : null;
    }
}
