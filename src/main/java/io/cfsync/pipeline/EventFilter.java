package io.cfsync.pipeline;

import io.cfsync.event.Event;
import io.cfsync.event.EventType;
import java.util.Set;

/**
 * The command-line filters. {@code types} empty means all; {@code eventNames} non-empty keeps only track events
 * with one of those names; {@code since} is inclusive and {@code until} exclusive, compared with the event time
 * ({@code timestamp}, else {@code originalTimestamp}); events without a time are kept. Immutable.
 */
public record EventFilter(Set<EventType> types, Set<String> eventNames, Long sinceMillis, Long untilMillis) {
    public static final EventFilter NONE = new EventFilter(Set.of(), Set.of(), null, null);

    public EventFilter {
        types = Set.copyOf(types);
        eventNames = Set.copyOf(eventNames);
    }

    /** The skip reason for this event, or null to keep it. */
    public String reject(Event e) {
        if (!types.isEmpty() && !types.contains(e.type())) {
            return "type-filter";
        }
        if (!eventNames.isEmpty() && !(e instanceof Event.Track t && eventNames.contains(t.event()))) {
            return "event-filter";
        }
        if (e.envelope().hasTime()) {
            long t = e.envelope().timeMillis();
            if (sinceMillis != null && t < sinceMillis) {
                return "before-since";
            }
            if (untilMillis != null && t >= untilMillis) {
                return "after-until";
            }
        }
        return null;
    }

    public boolean hasTimeBounds() {
        return sinceMillis != null || untilMillis != null;
    }
}
