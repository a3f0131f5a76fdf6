package io.cfsync.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A record value as the bytes of one event line: a JSON string (StringConverter), bytes (ByteArrayConverter), or a
 * schemaless map (JsonConverter with {@code schemas.enable=false}), written back as JSON. Stateless, thread-safe.
 */
final class RecordValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordValues() {
    }

    /**
     * The event bytes of {@code value}.
     *
     * @throws IllegalArgumentException saying which kind of value this task cannot read (a Struct with a schema,
     *                                  a number, …)
     */
    static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof ByteBuffer buf) {
            ByteBuffer d = buf.duplicate();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            return b;
        }
        if (value instanceof Map<?, ?> m) {
            try {
                return JSON.writeValueAsBytes(m);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the record's map cannot be written as JSON");
            }
        }
        throw new IllegalArgumentException("the record value is " + kind(value) + "; cf-sync reads a JSON string, "
                + "bytes, or a map without a schema (JsonConverter with schemas.enable=false)");
    }

    private static String kind(Object v) {
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof java.util.List) {
            return "a list";
        }
        return "a structured value with a schema";
    }
}
