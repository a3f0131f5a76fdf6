package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Size of a JSON tree as the compact UTF-8 bytes Jackson's byte generator writes, which is how this tool prints and
 * sends bodies (characters outside the Basic Multilingual Plane come out as a 12-byte {@code \}{@code uXXXX} pair).
 * A cheap upper bound is computed first, so only bodies that could be over a limit are serialized to be measured.
 * Any vendor whose limits count body bytes uses it. Stateless.
 */
public final class JsonBytes {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The most one character can take when written: {@code \}{@code u00XX}. */
    private static final int MAX_PER_CHAR = 6;

    private JsonBytes() {
    }

    /** Whether the written size is over {@code limit} bytes. */
    public static boolean exceeds(JsonNode n, int limit) {
        return upperBound(n, 0, limit) > limit && exact(n) > limit;
    }

    /** Exact size in bytes. */
    public static long exact(JsonNode n) {
        Counter c = new Counter();
        try {
            MAPPER.writeValue(c, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.count;
    }

    /** At least the written size; stops adding once past {@code stop}. */
    private static long upperBound(JsonNode n, long acc, long stop) {
        if (acc > stop) {
            return acc;
        }
        if (n.isTextual()) {
            return acc + 2 + (long) MAX_PER_CHAR * n.textValue().length();
        }
        if (n.isObject()) {
            long s = acc + 2;
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext() && s <= stop) {
                Map.Entry<String, JsonNode> f = it.next();
                s = upperBound(f.getValue(), s + 4 + (long) MAX_PER_CHAR * f.getKey().length(), stop);
            }
            return s;
        }
        if (n.isArray()) {
            long s = acc + 2;
            for (Iterator<JsonNode> it = n.elements(); it.hasNext() && s <= stop; ) {
                s = upperBound(it.next(), s + 1, stop);
            }
            return s;
        }
        if (n.isBoolean() || n.isNull()) {
            return acc + 5;
        }
        if (n.isNumber() && (n.isDouble() || n.isFloat() || n.isInt() || n.isLong() || n.isShort())) {
            return acc + 26;
        }
        return acc + n.asText().length() + 2L * MAX_PER_CHAR;
    }

    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
