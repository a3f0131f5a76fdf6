package io.cfsync.report;

import java.util.concurrent.atomic.LongAdder;

/**
 * The run's accounting. Every event (and every blank line) ends in exactly one of {@code delivered},
 * {@code skipped} (by reason) or {@code deadLettered} (by reason). Thread-safe.
 */
public final class RunStats {
    public final LongAdder lines = new LongAdder();
    public final Counter eventsByType = new Counter();
    public final LongAdder delivered = new LongAdder();
    public final LongAdder requests = new LongAdder();
    public final Counter skipped = new Counter();
    public final Counter deadLettered = new Counter();
    public final Counter warnings = new Counter();
    public final LongAdder keptWithoutTime = new LongAdder();

    public boolean clean() {
        return deadLettered.total() == 0;
    }
}
