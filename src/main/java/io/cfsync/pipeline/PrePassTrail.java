package io.cfsync.pipeline;

import io.cfsync.dest.PrePass;
import io.cfsync.event.Event;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The pre-pass state a resumed run needs, kept exactly at the watermark: every event the run's pre-pass saw is
 * queued here in reading order, and handed to the pre-pass's {@link PrePass#twin twin} only once its line is at
 * or below its input's saved watermark. So the twin's state is the state after the events the next run will not
 * read again, and the next run, reading on from the watermark, computes the same facts this one did. The queue
 * holds only the events between the watermark and reading, which the send layer already bounds. For several
 * inputs the state is that of the events read before the first one not finished; an input without a watermark
 * (standard input) turns the trail off. Thread-safe.
 */
final class PrePassTrail {
    private record Seen(String file, long line, Event event) {
    }

    private final PrePass twin;
    private final ArrayDeque<Seen> queue = new ArrayDeque<>();
    private boolean off;

    PrePassTrail(PrePass twin) {
        this.twin = twin;
    }

    /** The run's pre-pass was asked about {@code e}, read at {@code file:line}. */
    synchronized void seen(String file, long line, Event e) {
        if (!off) {
            queue.add(new Seen(file, line, e));
        }
    }

    /** Standard input (or another input without a watermark) is part of the run: nothing is saved. */
    synchronized void turnOff() {
        off = true;
        queue.clear();
    }

    /**
     * Feeds the twin the queued events whose line is at or below their input's saved watermark, in reading order,
     * stopping at the first that is not, and returns the twin's changed rows (empty when off).
     *
     * @param watermark the saved watermark of an input by name, or -1 when it has none
     */
    synchronized Map<String, String> advance(ToLongFunction<String> watermark) {
        if (off) {
            return Map.of();
        }
        while (!queue.isEmpty()) {
            Seen s = queue.peek();
            long wm = watermark.applyAsLong(s.file());
            if (wm < 0) {
                turnOff();
                return Map.of();
            }
            if (s.line() > wm) {
                break;
            }
            queue.poll();
            twin.facts(s.event());
        }
        return twin.drainChanges();
    }
}
