package io.cfsync.dest;

import io.cfsync.event.EventType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a destination declares about itself, as data: its {@code --dest} name, its vendor's name, its default rate,
 * its settings, the {@code integrations} keys that switch it, and what each event type becomes. Immutable; build
 * with {@link #of} and one {@link #covers} per event type.
 */
public record Profile(String name, String title, double defaultRate, List<SettingSpec> settings,
                      List<String> integrationKeys, Map<EventType, String> coverage) {
    public Profile {
        settings = List.copyOf(settings);
        integrationKeys = List.copyOf(integrationKeys);
        coverage = Collections.unmodifiableMap(coverage.isEmpty() ? new EnumMap<>(EventType.class)
                : new EnumMap<>(coverage));
    }

    public static Profile of(String name, String title, double defaultRate, List<SettingSpec> settings,
                             List<String> integrationKeys) {
        return new Profile(name, title, defaultRate, settings, integrationKeys, Map.of());
    }

    /** The same, saying what {@code type} becomes: the request(s), or {@code skip: <reason>}. */
    public Profile covers(EventType type, String what) {
        EnumMap<EventType, String> m = coverage.isEmpty() ? new EnumMap<>(EventType.class) : new EnumMap<>(coverage);
        m.put(type, what);
        return new Profile(name, title, defaultRate, settings, integrationKeys, m);
    }
}
