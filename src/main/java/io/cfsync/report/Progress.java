package io.cfsync.report;

import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Progress on stderr while sending. {@code bar} redraws one line in place twice a second (for a terminal) and
 * clears it when the run ends, so the summary starts on a clean line; {@code log} prints a whole line with an
 * ISO-8601 timestamp every {@link Console.Style#logEvery} (for files, CI and cron mail); {@code none} prints
 * nothing. The bar is as wide as the terminal at each redraw, so a resized window gets a fitting line. Lines other
 * parts of the sink print go through {@link #println}, which lifts the bar first. Thread-safe.
 */
public final class Progress {
    static final long BAR_MILLIS = 500;

    private final Console.ProgressMode mode;
    private final PrintStream err;
    private final UnaryOperator<String> redact;
    private final IntSupplier columns;
    private final StatusLine status;
    private ScheduledFuture<?> task;
    /** Characters of the bar now on screen; 0 when none is. */
    private int drawn;

    /** A display that draws only when {@link #tick} is called (tests drive it). */
    Progress(Console.ProgressMode mode, PrintStream err, UnaryOperator<String> redact, IntSupplier columns,
             StatusLine status) {
        this.mode = mode;
        this.err = err;
        this.redact = redact;
        this.columns = columns;
        this.status = status;
    }

    /**
     * A display of {@code figures} that draws on {@code scheduler}: twice a second for a bar, every log interval for
     * log lines.
     */
    public static Progress start(Console console, ScheduledExecutorService scheduler,
                                 Supplier<Snapshot> figures) {
        Progress p = new Progress(console.progress(), console.err(), console.redactor()::redact,
                console.style().width(), new StatusLine(figures));
        if (p.mode != Console.ProgressMode.none) {
            long every = p.mode == Console.ProgressMode.bar ? BAR_MILLIS : console.style().logEvery().toMillis();
            p.task = scheduler.scheduleAtFixedRate(p::tick, every, every, TimeUnit.MILLISECONDS);
        }
        return p;
    }

    synchronized void tick() {
        if (mode == Console.ProgressMode.bar) {
            String line = redact.apply(ProgressText.bar(status.next(), columns.getAsInt()));
            StringBuilder b = new StringBuilder("\r").append(line);
            // A shorter line blanks what is left of the longer one before it.
            b.append(" ".repeat(Math.max(0, drawn - line.length())));
            err.print(b);
            err.flush();
            drawn = line.length();
        } else if (mode == Console.ProgressMode.log) {
            err.println(redact.apply(ProgressText.log(status.next())));
        }
    }

    /** Whether a bar is on screen. */
    public synchronized boolean drawing() {
        return drawn > 0;
    }

    /** Prints a whole line (redacted) on stderr, lifting the bar first; the next tick draws it again. */
    public synchronized void println(String line) {
        clear();
        err.println(redact.apply(line));
    }

    /** Stops updating and clears the bar's line, leaving the cursor at its start. */
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        clear();
        err.flush();
    }

    private void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }
}
