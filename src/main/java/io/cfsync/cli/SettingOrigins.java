package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each resolved setting came from, for {@code --verbose}: {@code --set}, the environment (naming the
 * variable), the config file (naming it and the line) or the default, one line each after a heading. Values are as {@link Settings#describe}
 * gives them, so secrets read {@code <redacted>}. Immutable once built.
 */
final class SettingOrigins {
    private final List<String> lines;

    private SettingOrigins(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * @param fromSet  {@code --set} pairs as typed
     * @param env      the environment
     * @param config   what the config file held (or {@link ConfigFile.Loaded#NONE})
     * @param skipped  settings of the config file left out because their variable is unset: key → variable
     */
    static SettingOrigins of(Destination dest, Settings settings, Map<String, String> fromSet,
                             Map<String, String> env, ConfigFile.Loaded config, Map<String, String> skipped) {
        SettingKeys keys = new SettingKeys(dest);
        List<String> lines = new ArrayList<>();
        lines.add(dest.name() + " settings, and where each comes from:");
        Map<String, String> values = settings.describe();
        for (SettingSpec spec : dest.settings()) {
            String value = values.get(spec.key());
            if (value != null) {
                lines.add("  " + spec.key() + " = " + value + " ("
                        + origin(spec, keys, fromSet, env, config) + ")");
            }
        }
        skipped.forEach((key, variable) -> lines.add("  " + keys.find(key).key() + " not set: config file "
                + config.file() + " takes it from ${" + variable + "}, which is unset (a dry-run does not need it)"));
        return new SettingOrigins(lines);
    }

    private static String origin(SettingSpec spec, SettingKeys keys, Map<String, String> fromSet,
                                 Map<String, String> env, ConfigFile.Loaded config) {
        if (keys.inSet(spec, fromSet)) {
            return "--set";
        }
        String variable = keys.envVariable(spec, env);
        if (variable != null) {
            return "environment " + variable;
        }
        for (String k : config.values().keySet()) {
            if (keys.find(k) == spec) {
                String line = config.lines().get(k);
                return "config file " + config.file() + (line == null ? "" : ", " + line);
            }
        }
        return "default";
    }

    /** One line per setting, each starting {@code cf-sync: }. */
    void print(PrintStream err) {
        lines.forEach(l -> err.println("cf-sync: " + l));
    }
}
