package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.event.Timestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Makes tracking-event names and meta acceptable to Kustomer: no spaces in names or keys, flat meta values,
 * numbers under keys ending in {@code Num}, date-times under keys ending in {@code At}. Pure and thread-safe.
 */
final class AdvancedTransform {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int SEPARATORS = (1 << Character.SPACE_SEPARATOR) | (1 << Character.LINE_SEPARATOR)
            | (1 << Character.PARAGRAPH_SEPARATOR);

    private AdvancedTransform() {
    }

    /**
     * Trimmed, every run of whitespace replaced by {@code -}: {@code Order Completed} → {@code Order-Completed}.
     * A name without whitespace is returned as it is, without a copy: most names and meta keys have none.
     */
    static String name(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        int i = start;
        while (i < end && !isSpace(s.charAt(i))) {
            i++;
        }
        if (i == end) {
            return s.substring(start, end);
        }
        StringBuilder sb = new StringBuilder(end - start).append(s, start, i);
        while (i < end) {
            char c = s.charAt(i++);
            if (isSpace(c)) {
                sb.append('-');
                while (isSpace(s.charAt(i))) { // ends before end: the last character is not a space
                    i++;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * JavaScript's trim() and \s, which the names are meant to match: Unicode's White_Space (as Java's
     * {@code \s} with UNICODE_CHARACTER_CLASS) and U+FEFF. None of them is outside the BMP, so a char test is exact.
     */
    static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        if (c < '\u0085') {
            return false;
        }
        return c == '\u0085' || c == '\uFEFF' || ((SEPARATORS >> Character.getType(c)) & 1) != 0;
    }

    /** A new object with the meta rules applied, key by key in order; null values are dropped. */
    static ObjectNode meta(ObjectNode in) {
        return meta(in, key -> false);
    }

    /**
     * Like {@link #meta(ObjectNode)}, leaving out the keys {@code omit} accepts (tested before renaming); a
     * {@code props} that is not an object gives an empty meta. Reads {@code props} without copying it first.
     */
    static ObjectNode meta(JsonNode props, Predicate<String> omit) {
        ObjectNode out = F.objectNode();
        if (props == null || !props.isObject()) {
            return out;
        }
        try (JsonText text = new JsonText()) {
            Iterator<Map.Entry<String, JsonNode>> it = props.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!omit.test(e.getKey())) {
                    put(out, name(e.getKey()), e.getValue(), text);
                }
            }
        }
        return out;
    }

    private static void put(ObjectNode out, String key, JsonNode v, JsonText text) {
        if (v.isNull()) {
            return;
        }
        if (v.isNumber()) {
            out.set(suffixed(key, "Num"), v);
        } else if (v.isTextual() && isDateTime(v.textValue())) {
            out.set(suffixed(key, "At"), v);
        } else if (v.isBoolean()) {
            out.put(key, v.booleanValue() ? "true" : "false");
        } else if (v.isArray()) {
            out.put(key, text.elements(v));
        } else if (v.isObject()) {
            out.put(key, text.of(v));
        } else {
            out.set(key, v);
        }
    }

    /**
     * JSON text of values as {@link JsonNode#toString()} writes it (a default mapper, text output, non-ASCII as it
     * is), through one generator for a whole meta rather than one per value. Not thread-safe: one per call.
     */
    private static final class JsonText implements AutoCloseable {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final StringWriter buffer = new StringWriter(256);
        /** The default serializer context, made once per meta rather than once per value as a writer would. */
        private SerializerProvider trees;
        private JsonGenerator gen;

        String of(JsonNode v) {
            try {
                generator();
                v.serialize(gen, trees);
                return taken();
            } catch (IOException e) {
                throw new UncheckedIOException("a tree in memory is always writable", e);
            }
        }

        /** Each element's text, joined with commas. */
        String elements(JsonNode array) {
            try {
                generator();
                boolean first = true;
                for (JsonNode element : array) {
                    if (!first) {
                        gen.writeRaw(',');
                    }
                    first = false;
                    element.serialize(gen, trees);
                }
                return taken();
            } catch (IOException e) {
                throw new UncheckedIOException("a tree in memory is always writable", e);
            }
        }

        private void generator() throws IOException {
            if (gen == null) {
                gen = MAPPER.getFactory().createGenerator(buffer);
                gen.setRootValueSeparator(null); // values follow each other in the buffer, which is emptied each time
                trees = MAPPER.getSerializerProviderInstance();
            }
        }

        /** Gives the generator's buffers back to Jackson's pool, which would otherwise allocate new ones per meta. */
        @Override
        public void close() {
            try {
                if (gen != null) {
                    gen.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("a string buffer is always writable", e);
            }
        }

        private String taken() throws IOException {
            gen.flush();
            String text = buffer.toString();
            buffer.getBuffer().setLength(0);
            return text;
        }
    }

    /** A full calendar date, optionally with a time and offset; a bare year or {@code 2000} is not a date. */
    static boolean isDateTime(String s) {
        return Timestamps.parseDateLike(s) != Timestamps.INVALID;
    }

    private static String suffixed(String key, String suffix) {
        return key.endsWith(suffix) ? key : key + suffix;
    }
}
