package io.cfsync.pipeline;

import io.cfsync.event.Event;
import io.cfsync.event.EventType;
import io.cfsync.event.TimeField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Set;

/**
 * What the command line keeps of the input, and how it is reduced before mapping. Immutable.
 *
 * @param types      event types to keep; empty means all ({@code --type})
 * @param eventNames when non-empty, only track events with one of these names ({@code --event})
 * @param sinceMillis inclusive lower bound of {@code timeField}, or null ({@code --since})
 * @param untilMillis exclusive upper bound of {@code timeField}, or null ({@code --until}); events without the
 *                   field are kept (and counted)
 * @param timeField  the instant the bounds are compared with ({@code --time-field})
 * @param users      only events whose userId or anonymousId is one of these, or null for all ({@code --user})
 * @param sample     the share of users kept, in (0, 1]; 1 keeps all ({@code --sample}). Decided by a stable hash
 *                   of the user key (userId, else anonymousId), so a sample keeps whole user histories and is the
 *                   same in every run
 * @param limit      stop reading after this many kept events, or 0 for no limit ({@code --limit})
 * @param compact    merge consecutive identify calls of one user ({@code --compact}, see {@link IdentifyCompactor})
 */
public record EventFilter(Set<EventType> types, Set<String> eventNames, Long sinceMillis, Long untilMillis,
                          TimeField timeField, Set<String> users, double sample, long limit, boolean compact) {
    /** Keeps everything; the {@code with…} methods name each filter, so no caller lists nine parts by position. */
    public static final EventFilter NONE = new EventFilter(Set.of(), Set.of(), null, null, TimeField.TIMESTAMP, null,
            1.0, 0, false);

    public EventFilter {
        types = Set.copyOf(types);
        eventNames = Set.copyOf(eventNames);
        Objects.requireNonNull(timeField);
        users = users == null ? null : Set.copyOf(users);
        if (!(sample > 0 && sample <= 1)) {
            throw new IllegalArgumentException("sample must be in (0, 1], not " + sample);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    public EventFilter withTypes(Set<EventType> kept) {
        return new EventFilter(kept, eventNames, sinceMillis, untilMillis, timeField, users, sample, limit, compact);
    }

    public EventFilter withEventNames(Set<String> kept) {
        return new EventFilter(types, kept, sinceMillis, untilMillis, timeField, users, sample, limit, compact);
    }

    /** Events whose {@code field} is in [{@code since}, {@code until}); either bound may be null. */
    public EventFilter withWindow(Long since, Long until, TimeField field) {
        return new EventFilter(types, eventNames, since, until, field, users, sample, limit, compact);
    }

    public EventFilter withUsers(Set<String> kept) {
        return new EventFilter(types, eventNames, sinceMillis, untilMillis, timeField, kept, sample, limit, compact);
    }

    public EventFilter withSample(double share) {
        return new EventFilter(types, eventNames, sinceMillis, untilMillis, timeField, users, share, limit, compact);
    }

    public EventFilter withLimit(long events) {
        return new EventFilter(types, eventNames, sinceMillis, untilMillis, timeField, users, sample, events, compact);
    }

    public EventFilter withCompact(boolean merge) {
        return new EventFilter(types, eventNames, sinceMillis, untilMillis, timeField, users, sample, limit, merge);
    }

    /** The skip reason for this event, or null to keep it. */
    public String reject(Event e) {
        if (!types.isEmpty() && !types.contains(e.type())) {
            return "type-filter";
        }
        if (!eventNames.isEmpty() && !(e instanceof Event.Track t && eventNames.contains(t.event()))) {
            return "event-filter";
        }
        if (hasTimeBounds()) {
            long t = timeField.millis(e);
            if (t != TimeField.ABSENT && t != TimeField.INVALID) {
                if (sinceMillis != null && t < sinceMillis) {
                    return "before-since";
                }
                if (untilMillis != null && t >= untilMillis) {
                    return "after-until";
                }
            }
        }
        if (users != null && !listed(e.envelope().userId()) && !listed(e.envelope().anonymousId())) {
            return "user-filter";
        }
        if (sample < 1 && !sampled(e.envelope().userKey())) {
            return "sample-filter";
        }
        return null;
    }

    /**
     * Why the compared time field makes {@code e} invalid (it holds something other than an instant), or null. Only
     * a field that a bound is compared with is checked.
     */
    public String invalidTime(Event e) {
        if (!hasTimeBounds() || timeField.millis(e) != TimeField.INVALID) {
            return null;
        }
        return "\"" + timeField.wire() + "\" is " + abbreviate(String.valueOf(e.json().get(timeField.wire())))
                + ", not an ISO-8601 instant (compared by --since/--until)";
    }

    /** Whether {@code e} has no value in the compared field while bounds are set: it is kept, and counted. */
    public boolean keptWithoutTime(Event e) {
        return hasTimeBounds() && timeField.millis(e) == TimeField.ABSENT;
    }

    private boolean listed(String id) {
        return id != null && users.contains(id); // an immutable set refuses to be asked about null
    }

    public boolean hasTimeBounds() {
        return sinceMillis != null || untilMillis != null;
    }

    /**
     * Whether {@code userKey} falls in the sample: the first 64 bits of SHA-256 of {@code "sample:" + userKey},
     * as a fraction of 2^64, below {@link #sample}. The prefix keeps the sample independent of {@code --shard}.
     */
    boolean sampled(String userKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("sample:" + userKey).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return (v >>> 11) * 0x1.0p-53 < sample;
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
