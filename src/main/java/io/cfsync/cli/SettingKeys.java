package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.SettingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One destination's setting names as people type them: case-insensitive, ignoring {@code _} and {@code -}, and
 * through aliases, as {@link io.cfsync.dest.Settings} matches them; an unknown one is told with the nearest known
 * name. Immutable and thread-safe.
 */
final class SettingKeys {
    private final Destination dest;
    private final Map<String, SettingSpec> byNorm = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    SettingKeys(Destination dest) {
        this.dest = dest;
        for (SettingSpec s : dest.settings()) {
            byNorm.put(norm(s.key()), s);
            for (String a : s.aliases()) {
                byNorm.put(norm(a), s);
                aliases.put(a, s.key());
            }
        }
    }

    /** The setting {@code key} names, or null. */
    SettingSpec find(String key) {
        return byNorm.get(norm(key));
    }

    /** {@code unknown customerio setting 'regoin' in --set; did you mean 'region'? (see: cf-sync destinations)}. */
    String unknown(String key, String where) {
        List<String> keys = new ArrayList<>();
        dest.settings().forEach(s -> keys.add(s.key()));
        return "unknown " + dest.name() + " setting '" + key + "'" + (where.isEmpty() ? "" : " " + where)
                + Suggestions.didYouMean(key, keys, aliases, true) + " (see: cf-sync destinations)";
    }

    /** Whether one of the {@code --set} keys names {@code spec}. */
    boolean inSet(SettingSpec spec, Map<String, String> fromSet) {
        return fromSet.keySet().stream().anyMatch(k -> find(k) == spec);
    }

    /** The {@code CF_SYNC_<DEST>_<KEY>} variable that sets {@code spec}, or null. */
    String envVariable(SettingSpec spec, Map<String, String> env) {
        String prefix = "CF_SYNC_" + dest.name().toUpperCase(Locale.ROOT) + "_";
        for (String name : env.keySet()) {
            if (name.startsWith(prefix) && find(name.substring(prefix.length())) == spec) {
                return name;
            }
        }
        return null;
    }

    /** As settings match keys: case-insensitive, ignoring {@code _} and {@code -}. */
    static String norm(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
