package io.cfsync.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Which of an event's instants a time window is compared with ({@code --time-field}). {@link #TIMESTAMP}, the
 * default, is the event time the decoder already knows: {@code timestamp}, else {@code originalTimestamp}. The others
 * read their one field; {@code receivedAt} and {@code sentAt} are checked only when they are compared, so an event
 * whose unused {@code sentAt} is odd is not refused. Immutable.
 */
public enum TimeField {
    TIMESTAMP("timestamp"),
    ORIGINAL_TIMESTAMP("originalTimestamp"),
    RECEIVED_AT("receivedAt"),
    SENT_AT("sentAt");

    /** The event has no value in this field. */
    public static final long ABSENT = Envelope.NO_TIME;
    /** The field holds something that is not an ISO-8601 instant. */
    public static final long INVALID = Long.MIN_VALUE + 1;

    private final String wire;

    TimeField(String wire) {
        this.wire = wire;
    }

    /** The field's name as events spell it. */
    public String wire() {
        return wire;
    }

    /** The field named {@code name} (any case), or null. */
    public static TimeField parse(String name) {
        for (TimeField f : values()) {
            if (f.wire.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    /** Epoch millis of this field of {@code e}, {@link #ABSENT} or {@link #INVALID}. */
    public long millis(Event e) {
        if (this == TIMESTAMP) {
            return e.envelope().timeMillis();
        }
        JsonNode v = e.json().get(wire);
        if (v == null || v.isNull()) {
            return ABSENT;
        }
        long t = v.isTextual() ? Timestamps.parseInstant(v.textValue()) : Timestamps.INVALID;
        return t == Timestamps.INVALID ? INVALID : t;
    }
}
