package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.event.Timestamps;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes tracking-event names and meta acceptable to Kustomer: no spaces in names or keys, flat meta values,
 * numbers under keys ending in {@code Num}, date-times under keys ending in {@code At}. Pure and thread-safe.
 */
final class AdvancedTransform {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    // JavaScript's trim() and \s, which the names are meant to match, include Unicode spaces and U+FEFF.
    private static final Pattern EDGES = Pattern.compile("^[\\s\\uFEFF]+|[\\s\\uFEFF]+$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern RUNS = Pattern.compile("[\\s\\uFEFF]+", Pattern.UNICODE_CHARACTER_CLASS);

    private AdvancedTransform() {
    }

    /** Trimmed, every run of whitespace replaced by {@code -}: {@code Order Completed} → {@code Order-Completed}. */
    static String name(String s) {
        return RUNS.matcher(EDGES.matcher(s).replaceAll("")).replaceAll("-");
    }

    /** A new object with the meta rules applied, key by key in order; null values are dropped. */
    static ObjectNode meta(ObjectNode in) {
        ObjectNode out = F.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = in.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = name(e.getKey());
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isNumber()) {
                out.set(suffixed(key, "Num"), v);
            } else if (v.isTextual() && isDateTime(v.textValue())) {
                out.set(suffixed(key, "At"), v);
            } else if (v.isBoolean()) {
                out.put(key, v.booleanValue() ? "true" : "false");
            } else if (v.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode element : v) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(element.toString());
                }
                out.put(key, sb.toString());
            } else if (v.isObject()) {
                out.put(key, v.toString());
            } else {
                out.set(key, v);
            }
        }
        return out;
    }

    /** A full calendar date, optionally with a time and offset; a bare year or {@code 2000} is not a date. */
    static boolean isDateTime(String s) {
        return Timestamps.parseDateLike(s) != Timestamps.INVALID;
    }

    private static String suffixed(String key, String suffix) {
        return key.endsWith(suffix) ? key : key + suffix;
    }
}
