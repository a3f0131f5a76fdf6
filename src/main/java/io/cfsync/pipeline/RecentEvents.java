package io.cfsync.pipeline;

import io.cfsync.event.Event;
import io.cfsync.input.SourceRef;
import io.cfsync.report.RunStats;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Counts, by type, the events a run sends whose time is inside the destination's campaign window before the run's
 * start (or after it): the vendor may start campaigns for them, which an hourly sync wants and a one-off backfill
 * usually does not. Says so once, at the first such event, and leaves the count to the summary. Nothing is held
 * back. Judged here, against one instant fixed at the run's start, so that translators stay pure and a long run
 * keeps one window. Not thread-safe: used on the pipeline's thread.
 */
final class RecentEvents {
    private final long from;
    private final RunStats stats;
    private final Consumer<String> notes;
    private final String meaning;
    private boolean said;

    /**
     * @param vendor   the vendor's name for people
     * @param window   {@link io.cfsync.dest.Destination#campaignWindow()}
     * @param startedAt the run's start, epoch millis
     */
    RecentEvents(String vendor, Duration window, long startedAt, RunStats stats, Consumer<String> notes) {
        this.from = startedAt - window.toMillis();
        this.stats = stats;
        this.notes = notes;
        String span = window.toHours() + " hours";
        String until = "--until now-" + window.toHours() + "h";
        this.meaning = "from the last " + span + ": " + vendor + " may start campaigns for them; " + until
                + " holds them back";
    }

    /** A null window: nothing is ever counted. */
    static RecentEvents of(String vendor, Duration window, long startedAt, RunStats stats, Consumer<String> notes) {
        return window == null ? null : new RecentEvents(vendor, window, startedAt, stats, notes);
    }

    /** Counts {@code e}, about to be sent, when its time is inside the window. */
    void sending(Event e, SourceRef ref) {
        if (!e.envelope().hasTime() || e.envelope().timeMillis() < from) {
            return;
        }
        stats.recent.add(e.type().wire());
        if (!said) {
            said = true;
            stats.recentMeaning.set("are " + meaning);
            notes.accept("this run sends events " + meaning + " (first: " + ref.file() + ":" + ref.line()
                    + "; the summary counts them)");
        }
    }
}
