package io.cfsync.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings file: YAML of the form {@code destinations: {customerio: {siteId: …, apiKey: …}}} (command options
 * may sit beside it, under {@code options}: see {@link ConfigOptions}), given with
 * {@code --config FILE} or found at {@code $XDG_CONFIG_HOME/cf-sync/config.yaml} (else
 * {@code ~/.config/cf-sync/config.yaml}). String values may hold {@code ${ENV_VAR}}, replaced from the environment;
 * an unset variable is reported to the caller, which decides whether the setting is needed. Every problem is told
 * in one line naming the file, and the line and column where there is one. Stateless.
 */
final class ConfigFile {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final YAMLFactory YAML = new YAMLFactory();

    /**
     * What the file holds for one destination.
     *
     * @param values settings whose variables are all set, by key as written
     * @param unset  settings that use an unset variable: key as written → the variable's name
     * @param lines  where each key is written: key → {@code line N}
     */
    record Loaded(Path file, Map<String, String> values, Map<String, String> unset, Map<String, String> lines) {
        static final Loaded NONE = new Loaded(null, Map.of(), Map.of(), Map.of());
    }

    private ConfigFile() {
    }

    /** The file read when {@code --config} is not given: {@code $XDG_CONFIG_HOME/cf-sync/config.yaml}. */
    static Path defaultPath(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "cf-sync", "config.yaml");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Paths.get(home, ".config", "cf-sync", "config.yaml");
    }

    /** The default file when it exists, else null: having none is normal. */
    static Path discover(Map<String, String> env) {
        Path p = defaultPath(env);
        return Files.isRegularFile(p) ? p : null;
    }

    /** The settings for {@code dest} (none when the file has none for it). */
    static Loaded load(Path file, Destination dest, Map<String, String> env) {
        byte[] bytes = read(file);
        JsonNode root;
        Map<String, JsonLocation> where;
        try {
            root = new ObjectMapper(YAML).readTree(bytes);
            where = keyLocations(bytes);
        } catch (JsonProcessingException e) {
            throw YamlErrors.of(file, e);
        } catch (IOException e) {
            throw UsageException.inFile("cannot read config file " + file + ": " + Failures.describe(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Loaded(file, Map.of(), Map.of(), Map.of());
        }
        JsonNode dests = root.get("destinations");
        if (root.isObject() && dests == null && root.has("options")) {
            return new Loaded(file, Map.of(), Map.of(), Map.of()); // options only: see ConfigOptions
        }
        if (root.isObject() && dests == null) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String hint = Suggestions.didYouMean(key, List.of("destinations", "options"), Map.of(), true);
                if (!hint.isEmpty()) {
                    throw UsageException.inFile(at(file, where, "/" + key) + "unknown key '" + key + "'" + hint);
                }
            }
        }
        if (!root.isObject() || dests == null || !dests.isObject()) {
            throw UsageException.inFile("config file " + file + " must have a 'destinations' map");
        }
        JsonNode mine = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = dests.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Destinations.find(e.getKey()) == null) {
                throw UsageException.inFile(at(file, where, "/destinations/" + e.getKey()) + "unknown destination '"
                        + e.getKey() + "'" + DestinationNames.didYouMean(e.getKey()) + " (known: "
                        + Destinations.names() + ")");
            }
            if (e.getKey().equalsIgnoreCase(dest.name())) {
                mine = e.getValue();
                where = under(where, "/destinations/" + e.getKey() + "/");
            }
        }
        if (mine == null || mine.isNull()) {
            return new Loaded(file, Map.of(), Map.of(), Map.of());
        }
        if (!mine.isObject()) {
            throw UsageException.inFile("config file " + file + ": destinations." + dest.name() + " must be a map");
        }
        return settings(file, dest, mine, where, env);
    }

    private static Loaded settings(Path file, Destination dest, JsonNode mine, Map<String, JsonLocation> where,
                                   Map<String, String> env) {
        SettingKeys keys = new SettingKeys(dest);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> unset = new LinkedHashMap<>();
        Map<String, String> lines = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mine.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            SettingSpec spec = keys.find(key);
            ArgSecrets.Prefix secret = ArgSecrets.secretPrefix(key);
            if (spec == null && secret != null && secret.end() < key.length()) {
                // A key such as "apiKey QkX7…" may hold the secret itself, typed without the ': '.
                throw UsageException.inFile(at(file, where, key) + "unknown " + dest.name() + " setting "
                        + secret.name() + "…; the rest of the key is not shown because " + secret.name()
                        + " is a secret (write it as " + secret.name() + ": VALUE)");
            }
            if (spec == null) {
                throw UsageException.inFile(at(file, where, key) + keys.unknown(key, ""));
            }
            if (!e.getValue().isValueNode()) {
                throw UsageException.inFile(at(file, where, key) + "setting '" + key + "' of " + dest.name()
                        + " must be a single value");
            }
            JsonLocation loc = where.get(key);
            if (loc != null) {
                lines.put(key, "line " + loc.getLineNr());
            }
            List<String> missing = new ArrayList<>();
            String value = interpolate(e.getValue().asText(), env, missing);
            if (missing.isEmpty()) {
                values.put(key, value);
            } else {
                unset.put(key, missing.get(0));
            }
        }
        return new Loaded(file, values, unset, lines);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw UsageException.inFile("config file " + file + " does not exist");
        } catch (IOException e) {
            throw UsageException.inFile("cannot read config file " + file + ": " + Failures.describe(e));
        }
    }

    /** {@code ${VAR}} replaced from the environment; the names of unset ones are added to {@code missing}. */
    private static String interpolate(String value, Map<String, String> env, List<String> missing) {
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                missing.add(m.group(1));
                v = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Where each key is written, by its JSON pointer ({@code /destinations/customerio/siteId}). */
    private static Map<String, JsonLocation> keyLocations(byte[] bytes) throws IOException {
        Map<String, JsonLocation> out = new HashMap<>();
        try (JsonParser p = YAML.createParser(bytes)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    out.put(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation());
                }
            }
        }
        return out;
    }

    private static Map<String, JsonLocation> under(Map<String, JsonLocation> all, String prefix) {
        Map<String, JsonLocation> out = new HashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** {@code config file F, line 3, column 5: } (without the position when it is not known). */
    private static String at(Path file, Map<String, JsonLocation> where, String key) {
        JsonLocation loc = where.get(key);
        return "config file " + file + (loc == null ? "" : ", line " + loc.getLineNr() + ", column "
                + loc.getColumnNr()) + ": ";
    }
}
