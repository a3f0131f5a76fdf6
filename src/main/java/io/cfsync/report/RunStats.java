package io.cfsync.report;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's accounting. Every event (and every blank line) ends in exactly one of {@code delivered},
 * {@code skipped} (by reason), {@code deadLettered} (by reason) or {@code compacted} (merged into a later identify
 * that ended); when a send run stops early, events read but not settled are pending: {@code notAttempted} or
 * {@code interrupted}. Thread-safe.
 */
public final class RunStats {
    public final LongAdder lines = new LongAdder();
    public final Counter eventsByType = new Counter();
    public final LongAdder delivered = new LongAdder();
    public final LongAdder requests = new LongAdder();
    public final Counter skipped = new Counter();
    public final Counter deadLettered = new Counter();
    /** Inputs that could not be read as events as a whole (binary, damaged gzip), by kind. */
    public final Counter inputErrors = new Counter();
    /** Files or objects found in a folder or under a prefix and not read, by reason (outside-window, ...). */
    public final Counter inputsLeftOut = new Counter();
    /** Inputs an earlier run finished, per the ledger, and not read again: inputs, not events, so not skipped. */
    public final LongAdder inputsFinished = new LongAdder();
    public final Counter warnings = new Counter();
    public final LongAdder keptWithoutTime = new LongAdder();
    /** HTTP requests actually sent (every attempt, lookups included); 0 in a dry-run. */
    public final LongAdder httpRequests = new LongAdder();
    /** Of {@link #httpRequests}, those that repeated an earlier attempt. */
    public final LongAdder retries = new LongAdder();
    /** Answers by status code, or by problem ({@code timeout}, {@code connection-error}, ...) when none came. */
    public final Counter httpStatus = new Counter();
    /** Events read but never sent because the run stopped first: pending, neither delivered nor dead-lettered. */
    public final LongAdder notAttempted = new LongAdder();
    /**
     * Events whose requests went out but were not settled when the run stopped (in flight, waiting for a retry,
     * refused by a 401/403): pending like {@link #notAttempted}; the next run sends them again.
     */
    public final LongAdder interrupted = new LongAdder();
    /** Identify calls merged by {@code --compact} into a later call of the same user, which was delivered for them. */
    public final LongAdder compacted = new LongAdder();
    /** Events taken (past every filter) when {@code --limit} stopped reading, or 0 when it did not. */
    public final LongAdder limitStop = new LongAdder();
    /** Events that {@code --compact} held and then delivered as one merged call each (merged ones only). */
    public final LongAdder mergedCalls = new LongAdder();
    /** Time from a request leaving to its answer (or failure). */
    public final Latencies latencies = new Latencies();
    /** How the sending rate went, set when a real send finishes; null in a dry-run. */
    public final AtomicReference<Rate> rate = new AtomicReference<>();
    /**
     * Requests a real send would make, as a dry-run printed them: one per batch, and a plan's two conditional
     * branches (if found, if not found) count once.
     */
    public final LongAdder plannedRequests = new LongAdder();
    /** Events sent (or mapped) whose time falls inside the destination's campaign window, by type. */
    public final Counter recent = new Counter();
    /** What {@link #recent} means for people ({@code from the last 72 hours: ...}), or null when nothing counts. */
    public final AtomicReference<String> recentMeaning = new AtomicReference<>();
    /** Of {@link #plannedRequests}, lookups: a real send skips a later lookup when an earlier one found the record. */
    public final LongAdder plannedLookups = new LongAdder();

    /**
     * How the sending rate went over a run.
     *
     * @param ceiling  {@code --rate} (or the destination's default); infinite for no limit
     * @param adaptive whether the rate adapted to 429s below the ceiling
     * @param atEnd    the rate allowed when the run ended
     * @param lowest   the lowest rate allowed during the run
     * @param cuts     how often 429s made the rate lower
     */
    public record Rate(double ceiling, boolean adaptive, double atEnd, double lowest, long cuts) {
        /** {@code 100/s}, {@code 0.5/s}, {@code 1,250/s}, or {@code unlimited}. */
        public static String perSecond(double r) {
            if (Double.isInfinite(r)) {
                return "unlimited";
            }
            return (r >= 10 || r == Math.rint(r) ? String.format(Locale.ROOT, "%,.0f", r)
                    : String.format(Locale.ROOT, "%.1f", r)) + "/s";
        }
    }

    /** Events the next run must send: not attempted plus interrupted. */
    public long pending() {
        return notAttempted.sum() + interrupted.sum();
    }

    public boolean clean() {
        return deadLettered.total() == 0 && inputErrors.total() == 0;
    }
}
