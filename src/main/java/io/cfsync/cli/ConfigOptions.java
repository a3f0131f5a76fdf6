package io.cfsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command options set in the config file, under {@code options:} by their long name without the dashes
 * ({@code options: {max-line-bytes: 4MiB}}); keys match as settings do, ignoring case, {@code -} and {@code _}
 * ({@code maxLineBytes} works too). The command line overrides the file. Only the options listed in
 * {@link #KNOWN} may be set there; any other key is an error naming the file. Stateless.
 */
final class ConfigOptions {
    static final List<String> KNOWN = List.of("max-line-bytes", "proxy", "ca-file", "shared-rate", "shared-rate-key");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigOptions() {
    }

    /** The value {@code file} (null: none) gives {@code option} (a name from {@link #KNOWN}), or null. */
    static String value(Path file, String option) {
        if (file == null) {
            return null;
        }
        JsonNode options = options(file);
        if (options == null) {
            return null;
        }
        String found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = options.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String known = KNOWN.stream().filter(k -> squash(k).equals(squash(e.getKey()))).findFirst().orElse(null);
            if (known == null) {
                throw UsageException.inFile("config file " + file + ": unknown option '" + e.getKey()
                        + "' under options (known: " + String.join(", ", KNOWN) + ")");
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw UsageException.inFile("config file " + file + ": options." + e.getKey()
                        + " must be a single value");
            }
            if (known.equals(option)) {
                found = e.getValue().asText();
            }
        }
        return found;
    }

    private static JsonNode options(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw UsageException.inFile("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw YamlErrors.of(file, e);
        } catch (IOException e) {
            throw UsageException.inFile("cannot read config file " + file + ": " + Failures.describe(e));
        }
        JsonNode options = root == null ? null : root.get("options");
        if (options == null || options.isNull()) {
            return null;
        }
        if (!options.isObject()) {
            throw UsageException.inFile("config file " + file + ": options must be a map");
        }
        return options;
    }

    private static String squash(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
