package io.cfsync.testkit;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import java.util.Map;

/** A destination's settings with nothing set: every default, no secret. */
public final class DefaultSettings {
    private DefaultSettings() {
    }

    public static Settings of(Destination d) {
        try {
            return Settings.resolve(d.name(), d.settings(), Map.of(), Map.of(), Map.of(), null);
        } catch (SettingsException e) {
            throw new IllegalStateException("the defaults of " + d.name() + " do not resolve", e);
        }
    }
}
