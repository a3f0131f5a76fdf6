package io.cfsync.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What standard error is attached to: a terminal a person watches (a progress bar redrawn in place makes sense),
 * or a file, pipe or cron mail (whole log lines do). Immutable.
 *
 * @param interactive standard error is a terminal that can redraw a line
 * @param columns     how wide that terminal is; a bar line never reaches the last column, so it never wraps
 */
public record Terminal(boolean interactive, int columns) {
    /** The width assumed when the terminal does not say. */
    public static final int DEFAULT_COLUMNS = 80;

    public Terminal {
        columns = Math.max(20, columns);
    }

    /**
     * Standard error of this process, with {@code env}'s {@code TERM} and {@code COLUMNS}; the width is asked of the
     * terminal itself, since an interactive shell seldom exports {@code COLUMNS}.
     */
    public static Terminal detect(Map<String, String> env) {
        return detect(env, Terminal::stderrIsTty, TerminalWidth::ask);
    }

    /** As {@link #detect(Map, BooleanSupplier, IntSupplier)} for a terminal that cannot be asked its width. */
    public static Terminal detect(Map<String, String> env, BooleanSupplier stderrIsTty) {
        return detect(env, stderrIsTty, () -> -1);
    }

    /**
     * As {@link #detect(Map)}, with the check whether standard error is a terminal and the question of its width
     * given (tests pass their own). The width is the terminal's answer, else {@code COLUMNS}, else 80. A terminal
     * with {@code TERM=dumb} cannot redraw a line, so it gets log lines.
     */
    public static Terminal detect(Map<String, String> env, BooleanSupplier stderrIsTty, IntSupplier askWidth) {
        boolean dumb = "dumb".equals(env.get("TERM"));
        boolean interactive = !dumb && stderrIsTty.getAsBoolean();
        int columns = DEFAULT_COLUMNS;
        String c = env.get("COLUMNS");
        if (c != null && c.trim().matches("\\d{1,4}")) {
            columns = Integer.parseInt(c.trim());
        }
        int asked = interactive ? askWidth.getAsInt() : -1;
        return new Terminal(interactive, asked > 0 ? asked : columns);
    }

    /**
     * The width to draw at from now on: on a terminal, asked again after each resize (or at each redraw where
     * resizes cannot be heard of); elsewhere, {@link #columns} for good.
     */
    public IntSupplier width() {
        return interactive ? TerminalWidth.following(columns) : () -> columns;
    }

    /** The progress shown when none is asked for: a bar on a terminal, else a log line now and then. */
    public Console.ProgressMode defaultMode() {
        return interactive ? Console.ProgressMode.bar : Console.ProgressMode.log;
    }

    /**
     * Whether file descriptor 2 is a terminal. Java has no isatty for standard error alone ({@code System.console()}
     * looks at standard input and output, and a cron job or {@code 2>log} redirects only one of them), so on Linux
     * the descriptor's target is read from {@code /proc}; elsewhere the console check stands in.
     */
    static boolean stderrIsTty() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // Falls back to the console check below.
        }
        return System.console() != null;
    }
}
