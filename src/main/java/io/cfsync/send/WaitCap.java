package io.cfsync.send;

import io.cfsync.report.Durations;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The longest wait a vendor can impose on one request: a {@code Retry-After} (or {@code x-ratelimit-reset}) above
 * {@link #LONGEST} is honoured as {@link #LONGEST}, and the request is tried again then. A vendor asking for a day
 * or a year would otherwise hold its user's events until {@code --max-event-time}; a short wait and one more
 * attempt either finds the vendor back or meets the same answer again. While a request waits, a stop (signal,
 * {@code --max-runtime}) leaves its event pending, never dead-lettered. Stateless.
 */
final class WaitCap {
    /** Long enough for any honest rate-limit window, short enough that a run makes progress. */
    static final Duration LONGEST = Duration.ofMinutes(5);

    private WaitCap() {
    }

    /**
     * {@code o} with its named wait at most {@link #LONGEST}; says so on {@code log} (when not null) for
     * {@code step} ({@code METHOD url}) when it cut one.
     */
    static AttemptResult apply(AttemptResult o, Classifier classifier, String step, Consumer<String> log) {
        Duration named = o.retryAfter();
        if (named == null || named.compareTo(LONGEST) <= 0) {
            return o;
        }
        if (log != null) {
            log.accept(step + ": the vendor asked to wait " + Durations.format(named) + "; waiting "
                    + Durations.format(LONGEST) + " instead, the longest wait cf-sync honours, then trying again");
        }
        return classifier.withWait(o, LONGEST);
    }
}
