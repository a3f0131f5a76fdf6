package io.cfsync.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which secret settings of a cf-sync connector are given literally in a request to Connect's REST API, rather than
 * as a config provider reference ({@code ${file:/path:key}}, {@code ${env:NAME}}). It reads the request as the user
 * sent it, before Connect resolves references, and never returns a value, only keys. Stateless.
 */
final class LiteralSecrets {
    /** What one request holds: the connector's name and its secret keys given literally, in key order. */
    record Found(String connector, List<String> keys) {
    }

    /** A config provider reference, as Connect's ConfigTransformer finds them. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*?:[^}]*?}");
    /** Connect takes a connector's class name, its simple name, or its simple name without "Connector". */
    private static final Set<String> CLASS_NAMES = Set.of(CfSyncSinkConnector.class.getName(),
            CfSyncSinkConnector.class.getSimpleName(), "CfSyncSink");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiteralSecrets() {
    }

    /**
     * The literal secrets of a connector created or configured by this request: {@code POST /connectors}
     * ({@code {"name":…,"config":{…}}}), or {@code PUT} and {@code PATCH /connectors/{name}/config} (the config
     * itself); null for any other request, another connector's config, or one without a literal secret. A
     * {@code PATCH} that does not name {@code connector.class} is not recognised as cf-sync's.
     *
     * @param path the request's path segments below the REST root, decoded
     * @throws IOException when the body is not JSON
     */
    static Found find(String method, List<String> path, byte[] body) throws IOException {
        boolean create = method.equals("POST") && path.equals(List.of("connectors"));
        boolean configure = (method.equals("PUT") || method.equals("PATCH")) && path.size() == 3
                && path.get(0).equals("connectors") && path.get(2).equals("config");
        if (!create && !configure || body.length == 0) {
            return null;
        }
        JsonNode root = JSON.readTree(body);
        JsonNode config = create ? root.path("config") : root;
        String name = create ? root.path("name").asText("") : path.get(1);
        if (!config.isObject() || !CLASS_NAMES.contains(config.path("connector.class").asText(""))) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (String key : secretKeys(config.path(ConnectorConfig.DEST).asText(""))) {
            JsonNode v = config.get(key);
            if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()
                    && !REFERENCE.matcher(v.asText()).find()) {
                keys.add(key);
            }
        }
        return keys.isEmpty() ? null : new Found(name, List.copyOf(keys));
    }

    /** The destination's secret keys; every destination's when the name is unknown (or itself a reference). */
    static Set<String> secretKeys(String dest) {
        Destination chosen = Destinations.find(dest);
        Set<String> keys = new TreeSet<>();
        for (Destination d : chosen == null ? Destinations.all() : List.of(chosen)) {
            for (SettingSpec s : d.settings()) {
                if (s.secret()) {
                    keys.add(s.key());
                }
            }
        }
        return keys;
    }
}
