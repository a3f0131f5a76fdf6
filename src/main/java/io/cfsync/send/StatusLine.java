package io.cfsync.send;

import io.cfsync.report.RunStats;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/** The progress line of an HTTP sink; the rate is over the time since the previous line. One thread at a time. */
final class StatusLine {
    private final RunStats stats;
    private final LongSupplier queued;
    private final Resilience resilience;
    private long lastAt = System.nanoTime();
    private long lastSent;

    StatusLine(RunStats stats, LongSupplier queued, Resilience resilience) {
        this.stats = stats;
        this.queued = queued;
        this.resilience = resilience;
    }

    String next() {
        long now = System.nanoTime();
        long sent = stats.httpRequests.sum();
        double secs = Math.max(1e-3, (now - lastAt) / 1e9);
        double rate = (sent - lastSent) / secs;
        lastAt = now;
        lastSent = sent;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%,d %s (%,.0f/s), %,d delivered, %,d dead-lettered, %,d queued", sent,
                io.cfsync.report.Plural.noun(sent, "request"), rate,
                stats.delivered.sum(), stats.deadLettered.total(), queued.getAsLong()));
        Duration pause = resilience.pausedFor();
        if (!pause.isZero()) {
            b.append(", paused ").append(Durations.format(pause)).append(" (429)");
        }
        b.append(resilience.rate().note());
        if (resilience.circuitOpen()) {
            b.append(", vendor failing: holding back");
        }
        return b.toString();
    }
}
