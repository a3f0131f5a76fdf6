package io.cfsync.send;

import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress on stderr while sending: {@code bar} redraws one status line twice a second (for terminals),
 * {@code log} prints a status line every 10 seconds (for logs and CI), {@code none} prints nothing. Thread-safe.
 */
final class Progress {
    static final long BAR_MILLIS = 500;
    static final long LOG_MILLIS = 10_000;

    private final Console.ProgressMode mode;
    private final PrintStream err;
    private final Supplier<String> status;
    private ScheduledFuture<?> task;
    private int drawn;

    private Progress(Console.ProgressMode mode, PrintStream err, Supplier<String> status) {
        this.mode = mode;
        this.err = err;
        this.status = status;
    }

    static Progress start(Console.ProgressMode mode, PrintStream err, ScheduledExecutorService scheduler,
                          Supplier<String> status) {
        Progress p = new Progress(mode, err, status);
        if (mode != Console.ProgressMode.none) {
            long every = mode == Console.ProgressMode.bar ? BAR_MILLIS : LOG_MILLIS;
            p.task = scheduler.scheduleAtFixedRate(p::tick, every, every, TimeUnit.MILLISECONDS);
        }
        return p;
    }

    synchronized void tick() {
        String line = status.get();
        if (mode == Console.ProgressMode.bar) {
            StringBuilder b = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < drawn; i++) {
                b.append(' ');
            }
            err.print(b);
            err.flush();
            drawn = line.length();
        } else {
            err.println("cf-sync: progress: " + line);
        }
    }

    /** Whether a bar is on screen (so other output must start on a new line). */
    synchronized boolean drawing() {
        return drawn > 0;
    }

    /** Stops updating and, for the bar, leaves its last state on its own line. */
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (drawn > 0) {
            err.println();
            drawn = 0;
        }
    }
}
