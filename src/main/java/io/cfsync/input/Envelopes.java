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
 * What wraps events in a frame, told apart by its keys (a value with a {@code type} is an event and never one of
 * these): a Segment batch ({@code {"batch":[…]}}); a RudderStack backup line, in three shapes — the archiver's
 * {@code {"userId", "payload": {"batch", "writeKey", "receivedAt", "requestIP"}, "createdAt", "messageId"}}, a
 * job-table row {@code {"job_id", …, "event_payload": {…}, "created_at"}}, the same row with capitalised keys
 * ({@code EventPayload}) — whose payload may also be a JSON string holding that object; and an entry of a cf-sync
 * dead-letter file (its {@code event}, or its raw text, is replayed). Each element of a batch is one event; a
 * RudderStack element without {@code receivedAt} takes the payload's. A payload's {@code writeKey} authenticates
 * the source that sent the events: it is a secret, so it never leaves this class — the elements do not hold it,
 * and a broken envelope, or a value that is no event and mentions one, is shown with every {@code writeKey} taken
 * out. Pure: stateless and thread-safe.
 */
final class Envelopes {
    /** The keys that hold a RudderStack payload, one per line shape. */
    private static final List<String> PAYLOAD_KEYS = List.of("payload", "event_payload", "EventPayload");

    /** A frame's value split open. */
    sealed interface Opened {
    }

    /** Events of a batch, with the exact text of each when it could be told (else null) and the payload's time. */
    record Batch(JsonNode batch, List<String> texts, String receivedAt) implements Opened {
    }

    /** One value to decode as an event, with its exact text (null when it could not be told), read when needed. */
    record One(JsonNode value, CharSequence text) implements Opened {
    }

    /** An envelope that makes the whole frame unusable, with the frame as it may be shown. */
    record Broken(Problem problem, JsonNode shown) implements Opened {
    }

    /** Bytes to read again as the frame they were (a dead letter's raw text, or an envelope dead-lettered whole). */
    record Again(byte[] bytes) implements Opened {
    }

    /** A dead letter of a frame too long to read, which holds only its first bytes. */
    record TooLong(JsonNode entry) implements Opened {
    }

    private Envelopes() {
    }

    /** Opens {@code value}, parsed from the frame {@code buf[off, off + len)}. */
    static Opened open(JsonNode value, byte[] buf, int off, int len) {
        if (value == null || !value.isObject() || value.has("type")) {
            return new One(value, LineText.of(buf, off, len));
        }
        JsonNode batch = value.get("batch");
        if (batch != null && batch.isArray()) {
            List<String> texts = JsonSpans.elements(buf, off, len, "batch");
            return new Batch(batch, texts != null && texts.size() == batch.size() ? texts : null, null);
        }
        String payloadKey = payloadKey(value);
        if (payloadKey != null) {
            return archive((ObjectNode) value, payloadKey, buf, off, len);
        }
        if (isDeadLetter(value)) {
            return deadLetter(value, buf, off, len);
        }
        String text = text(buf, off, len);
        // Not an event, and it may be an envelope whose batch is broken: never show its write key.
        return WriteKeys.mentions(text) ? new One(withoutWriteKeys(value), null) : new One(value, text);
    }

    /** A line written to a cf-sync dead-letter file: reason, file, line, and the event or its raw text. */
    static boolean isDeadLetter(JsonNode n) {
        return n.has("reason") && n.has("file") && n.has("line")
                && (n.has("event") || (n.has("raw") && n.get("raw").isTextual()));
    }

    private static Opened deadLetter(JsonNode entry, byte[] buf, int off, int len) {
        JsonNode ev = entry.get("event");
        if (ev == null && LongLines.CODE.equals(entry.path("reason").asText())) {
            return new TooLong(entry);
        }
        if (ev != null && ev.isObject() && !ev.has("type")) {
            String evText = JsonSpans.field(buf, off, len, "event");
            return new Again((evText != null ? evText : ev.toString()).getBytes(StandardCharsets.UTF_8));
        }
        if (ev != null) {
            return new One(ev, JsonSpans.field(buf, off, len, "event"));
        }
        JsonNode b64 = entry.get("rawBase64");
        return new Again(b64 != null && b64.isTextual() ? java.util.Base64.getDecoder().decode(b64.textValue())
                : entry.get("raw").asText().getBytes(StandardCharsets.UTF_8));
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

    /** Splits a RudderStack line for which {@link #payloadKey} is {@code key}. */
    private static Opened archive(ObjectNode line, String key, byte[] buf, int off, int len) {
        JsonNode payload = line.get(key);
        List<String> texts = null;
        if (payload != null && payload.isTextual()) {
            byte[] inner = payload.textValue().getBytes(StandardCharsets.UTF_8);
            try {
                payload = FrameDecoder.MAPPER.readTree(inner);
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
        return new Batch(batch, texts != null && texts.size() == batch.size() ? texts : null, receivedAt);
    }

    private static Opened broken(ObjectNode line, String detail) {
        return new Broken(Problem.of("invalid-envelope", "RudderStack line: " + detail), withoutWriteKeys(line));
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
            return FrameDecoder.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }
}
