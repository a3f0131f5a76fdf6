package io.cfsync.send;

import io.cfsync.report.RunStats;
import io.cfsync.report.Snapshot;

/**
 * The sender's part of the run's snapshot, read from the resilience classes: the one place that turns their rate,
 * pause and circuit into figures, so the progress display and the metrics never reach into the pacing. Stateless.
 */
final class SendingFigures {
    private SendingFigures() {
    }

    /**
     * @param inFlight    events handed to the sender and not settled yet
     * @param readingDone whether the sender was told no more events come
     */
    static Snapshot.Sending of(Resilience resilience, long inFlight, boolean readingDone) {
        RunStats.Rate rate = resilience.pacing().figures();
        return new Snapshot.Sending(Math.max(0, inFlight), rate.atEnd(), rate.ceiling(), resilience.pausedFor(),
                resilience.circuitOpen(), readingDone);
    }
}
