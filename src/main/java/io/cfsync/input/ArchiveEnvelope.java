package io.cfsync.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.event.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RudderStack backup lines, told apart per line by their keys (a line with a {@code type} is an event and never one
 * of these):
 * <ol>
 *     <li>the archiver's {@code {"userId", "payload": {"batch": […], "writeKey", "receivedAt", "requestIP"},
 *     "createdAt", "messageId"}};</li>
 *     <li>a job-table row, {@code {"job_id", "user_id", "parameters", "custom_val", "event_payload": {"batch": […],
 *     "writeKey", "receivedAt"}, "created_at"}};</li>
 *     <li>the same row with capitalised keys ({@code JobID}, {@code EventPayload}, {@code CreatedAt}, …).</li>
 * </ol>
 * The payload may also be a JSON string holding that object, as some table dumps write it. Each element of
 * {@code batch} is one event; an element without {@code receivedAt} takes the payload's. The payload's
 * {@code writeKey} authenticates the source that sent the events: it is a secret, so it never leaves this class —
 * the elements do not hold it, and a broken envelope is shown with every {@code writeKey} field taken out.
 * Stateless and thread-safe.
 */
final class ArchiveEnvelope {
    /** The keys that hold the payload, one per line shape. */
    private static final List<String> PAYLOAD_KEYS = List.of("payload", "event_payload", "EventPayload");

    /**
     * An envelope split open: its events (with the exact text of each when it could be told, else null), or the
     * problem that makes the whole line unusable, with the line as it may be shown.
     */
    record Opened(JsonNode batch, List<String> texts, String receivedAt, Problem problem, JsonNode shown) {
    }

    private ArchiveEnvelope() {
    }

    /** The payload key of a RudderStack line, or null when {@code line} is not one. */
    static String payloadKey(JsonNode line) {
        if (line == null || !line.isObject() || line.has("type")) {
            return null;
        }
        for (String k : PAYLOAD_KEYS) {
            if (line.has(k)) {
                return k;
            }
        }
        return null;
    }

    /** Splits a line for which {@link #payloadKey} is {@code key}; {@code buf} holds the line's bytes. */
    static Opened open(ObjectNode line, String key, byte[] buf, int off, int len) {
        JsonNode payload = line.get(key);
        List<String> texts = null;
        if (payload != null && payload.isTextual()) {
            byte[] inner = payload.textValue().getBytes(StandardCharsets.UTF_8);
            try {
                payload = EventReader.MAPPER.readTree(inner);
            } catch (JsonProcessingException e) {
                return broken(line, "\"" + key + "\" is a string that does not hold a JSON object");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (payload != null && payload.isObject()) {
                texts = JsonSpans.elements(inner, 0, inner.length, "batch");
            }
        } else if (payload != null && payload.isObject()) {
            texts = JsonSpans.elements(buf, off, len, key, "batch");
        }
        if (payload == null || !payload.isObject()) {
            return broken(line, "\"" + key + "\" must be an object holding a \"batch\" array");
        }
        JsonNode batch = payload.get("batch");
        if (batch == null || !batch.isArray()) {
            return broken(line, "\"" + key + "\" has no \"batch\" array");
        }
        JsonNode received = payload.get("receivedAt");
        String receivedAt = received != null && received.isTextual() && !received.textValue().isEmpty()
                ? received.textValue() : null;
        return new Opened(batch, texts != null && texts.size() == batch.size() ? texts : null, receivedAt, null,
                null);
    }

    private static Opened broken(ObjectNode line, String detail) {
        return new Opened(null, null, null, Problem.of("invalid-envelope", "RudderStack line: " + detail),
                withoutWriteKeys(line));
    }

    /** A copy of {@code node} with every {@code writeKey} field (any case, nested too) taken out. */
    static JsonNode withoutWriteKeys(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (WriteKeys.isWriteKeyName(f.getKey())) {
                    it.remove();
                } else if (f.getValue().isTextual() && WriteKeys.mentions(f.getValue().textValue())) {
                    ((ObjectNode) n).put(f.getKey(), WriteKeys.scrub(f.getValue().textValue()));
                } else {
                    strip(f.getValue());
                }
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                strip(e);
            }
        }
    }

    /**
     * The element with the payload's {@code receivedAt} when it has none of its own ({@code element} is changed in
     * place), and its text likewise, the rest of its bytes kept as they were.
     *
     * @return the text to keep for the element (null when it could not be told)
     */
    static String fillReceivedAt(JsonNode element, String text, String receivedAt) {
        if (receivedAt == null || !element.isObject()) {
            return text;
        }
        JsonNode own = element.get("receivedAt");
        if (own != null && !own.isNull()) {
            return text;
        }
        boolean hadNull = own != null;
        ((ObjectNode) element).put("receivedAt", receivedAt);
        if (text == null || hadNull) {
            return null; // a null to replace cannot be spliced safely; the parsed element is written instead
        }
        String t = text.trim();
        int close = t.lastIndexOf('}');
        String body = t.substring(1, close).trim();
        String field = "\"receivedAt\":" + quote(receivedAt);
        return body.isEmpty() ? "{" + field + "}" : t.substring(0, close) + "," + field + "}";
    }

    private static String quote(String s) {
        try {
            return EventReader.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
