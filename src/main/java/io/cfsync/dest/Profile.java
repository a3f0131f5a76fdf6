package io.cfsync.dest;

import io.cfsync.event.EventType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a destination declares about itself, as data: its {@code --dest} name, its vendor's name, its
 * {@link Limits}, its settings, the {@code integrations} keys that switch it, and what each event type becomes.
 * Immutable; build with {@link #of}, one {@link #covers} per event type and, when the vendor documents one,
 * {@link #pausesAfter429}.
 */
public record Profile(String name, String title, Limits limits, List<SettingSpec> settings,
                      List<String> integrationKeys, Map<EventType, String> coverage) {
    public Profile {
        settings = List.copyOf(settings);
        integrationKeys = List.copyOf(integrationKeys);
        coverage = Collections.unmodifiableMap(coverage.isEmpty() ? new EnumMap<>(EventType.class)
                : new EnumMap<>(coverage));
    }

    public static Profile of(String name, String title, double defaultRate, List<SettingSpec> settings,
                             List<String> integrationKeys) {
        return new Profile(name, title, new Limits(defaultRate, null), settings, integrationKeys, Map.of());
    }

    /** Default requests per second. */
    public double defaultRate() {
        return limits.defaultRate();
    }

    /** The same, pausing this long after a 429 that names no wait (instead of backing off exponentially). */
    public Profile pausesAfter429(java.time.Duration pause) {
        return new Profile(name, title, limits.pausingAfter429(pause), settings, integrationKeys, coverage);
    }

    /** The same, saying what {@code type} becomes: the request(s), or {@code skip: <reason>}. */
    public Profile covers(EventType type, String what) {
        EnumMap<EventType, String> m = coverage.isEmpty() ? new EnumMap<>(EventType.class) : new EnumMap<>(coverage);
        m.put(type, what);
        return new Profile(name, title, limits, settings, integrationKeys, m);
    }
}
