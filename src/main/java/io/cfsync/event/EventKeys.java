package io.cfsync.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key that says "this event was delivered": its {@code messageId}, else a SHA-256 of the canonical event
 * (keys sorted at every depth, written compactly), so identical duplicate lines share a key. The ledger keeps these
 * keys from run to run, so the canonical text never changes. Thread-safe.
 */
public final class EventKeys {
    private EventKeys() {
    }

    public static String of(Event e) {
        return of(e.messageId(), e.json());
    }

    /** @param messageId the event's messageId, or null */
    public static String of(String messageId, JsonNode json) {
        if (messageId != null) {
            return messageId;
        }
        String canonical = json == null ? "null" : sorted(json).toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A copy of {@code n} whose objects list their properties in sorted order; other nodes are shared. */
    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            Map<String, JsonNode> byName = new TreeMap<>();
            n.properties().forEach(p -> byName.put(p.getKey(), p.getValue()));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            byName.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(n.size());
            n.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return n;
    }
}
