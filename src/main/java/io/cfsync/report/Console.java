package io.cfsync.report;

import io.cfsync.report.Redactor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Where a sink talks to the person running it, and how much. Every line goes through {@link #redactor}. Immutable.
 *
 * @param err           where notes, progress and verbose lines go
 * @param redactor      guards every text printed or handed on
 * @param progress      how progress is shown
 * @param voice         how much to say beyond errors: {@code --quiet} keeps the notes of a run going as planned
 *                      (such as {@code --max-runtime} being reached) to itself, {@code --verbose} adds each failed
 *                      attempt
 * @param handleSignals whether SIGINT/SIGTERM/SIGHUP stop the run gracefully (the real process) or are left alone (tests,
 *                      hosts that own the process)
 * @param style         how often log lines come and how wide a bar may be
 * @param input         how far reading the input has got, for the progress figures
 */
public record Console(PrintStream err, Redactor redactor, ProgressMode progress, Voice voice,
                      boolean handleSignals, Style style, InputGauge input) {
    /** How progress is shown: a redrawn status line, a status line every {@link Style#logEvery}, or nothing. */
    public enum ProgressMode { bar, log, none }

    /** How much is said on stderr besides errors, which are always said. */
    public enum Voice {
        /** {@code --quiet}: errors only. */
        QUIET,
        /** Errors and the notes of the run. */
        NORMAL,
        /** As {@link #NORMAL}, and each failed attempt. */
        VERBOSE
    }

    /**
     * How progress looks.
     *
     * @param logEvery time between two log lines
     * @param width    the terminal's width now, for the bar: asked at each redraw, as the terminal may be resized
     */
    public record Style(Duration logEvery, IntSupplier width) {
        /** A log line every 30 s (often enough to see a run is alive, rare enough for a cron mail); 80 columns. */
        public static final Style DEFAULT = new Style(Duration.ofSeconds(30), Terminal.DEFAULT_COLUMNS);

        public Style {
            Objects.requireNonNull(width);
            if (logEvery.isNegative() || logEvery.isZero()) {
                throw new IllegalArgumentException("the time between progress lines must be positive");
            }
        }

        /** A terminal whose width never changes. */
        public Style(Duration logEvery, int columns) {
            this(logEvery, () -> columns);
        }

        /** The width now. */
        public int columns() {
            return width.getAsInt();
        }
    }

    public Console {
        Objects.requireNonNull(err);
        Objects.requireNonNull(redactor);
        Objects.requireNonNull(progress);
        Objects.requireNonNull(voice);
        Objects.requireNonNull(style);
        Objects.requireNonNull(input);
    }

    /** With the default style and no input figures; {@link #withStyle} and {@link #withInput} name those. */
    public static Console of(PrintStream err, Redactor redactor, ProgressMode progress, Voice voice,
                             boolean handleSignals) {
        return new Console(err, redactor, progress, voice, handleSignals, Style.DEFAULT, InputGauge.NONE);
    }

    public Console withStyle(Style s) {
        return new Console(err, redactor, progress, voice, handleSignals, s, input);
    }

    public Console withInput(InputGauge gauge) {
        return new Console(err, redactor, progress, voice, handleSignals, style, gauge);
    }

    /** Each failed attempt is printed. */
    public boolean verbose() {
        return voice == Voice.VERBOSE;
    }

    /** Only errors are printed: not the notes of a run that goes as planned. */
    public boolean quiet() {
        return voice == Voice.QUIET;
    }

    /** No progress, no verbose lines, signals left alone. */
    public static Console quiet(PrintStream err, Redactor redactor) {
        return of(err, redactor, ProgressMode.none, Voice.NORMAL, false);
    }
}
