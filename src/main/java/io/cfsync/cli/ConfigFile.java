package io.cfsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --config FILE}: YAML of the form {@code destinations: {customerio: {siteId: …, apiKey: …}}}. String values
 * may hold {@code ${ENV_VAR}}, replaced from the environment; an unset variable is an error that names it.
 */
final class ConfigFile {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private ConfigFile() {
    }

    /** The settings for {@code dest} (empty when the file has none for it). */
    static Map<String, String> load(Path file, String dest, Map<String, String> env) throws SettingsException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SettingsException("cannot read config file " + file + ": "
                    + io.cfsync.report.PlainWords.of(firstLine(e.getMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        JsonNode dests = root.get("destinations");
        if (!root.isObject() || dests == null || !dests.isObject()) {
            throw new SettingsException("config file " + file + " must have a 'destinations' map");
        }
        Iterator<String> names = dests.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (Destinations.find(n) == null) {
                throw new SettingsException("config file " + file + " names unknown destination '" + n
                        + "' (known: " + Destinations.names() + ")");
            }
        }
        JsonNode mine = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = dests.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(dest)) {
                mine = e.getValue();
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (mine == null || mine.isNull()) {
            return out;
        }
        if (!mine.isObject()) {
            throw new SettingsException("config file " + file + ": destinations." + dest + " must be a map");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = mine.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new SettingsException("config file " + file + ": setting '" + e.getKey() + "' of " + dest
                        + " must be a single value");
            }
            out.put(e.getKey(), interpolate(file, e.getKey(), e.getValue().asText(), env));
        }
        return out;
    }

    private static String interpolate(Path file, String key, String value, Map<String, String> env)
            throws SettingsException {
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                throw new SettingsException("config file " + file + ": setting '" + key + "' uses ${" + m.group(1)
                        + "}, but that environment variable is not set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
