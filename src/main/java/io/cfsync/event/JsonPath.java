package io.cfsync.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * A pre-split dotted path such as {@code context.traits.email}, resolved against a JSON tree.
 * Immutable and thread-safe; build once (e.g. in a static field) and reuse.
 */
public final class JsonPath {
    private static final Pattern DOT = Pattern.compile("\\.");
    private final String text;
    private final String[] parts;

    private JsonPath(String text) {
        this.text = text;
        this.parts = DOT.split(text);
    }

    public static JsonPath of(String dotted) {
        return new JsonPath(dotted);
    }

    public static JsonPath[] all(String... dotted) {
        JsonPath[] out = new JsonPath[dotted.length];
        for (int i = 0; i < dotted.length; i++) {
            out[i] = of(dotted[i]);
        }
        return out;
    }

    /** The node at this path, or null when any step is missing or not an object. */
    public JsonNode get(JsonNode root) {
        JsonNode cur = root;
        for (String p : parts) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(p);
        }
        return cur;
    }

    /** Present means: exists, not JSON null, not the empty string ({@code false} and {@code 0} are present). */
    public static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode() && !(n.isTextual() && n.textValue().isEmpty());
    }

    /** The first present value among the paths ("first present" lookup rule), or null. */
    public static JsonNode first(JsonNode root, JsonPath... paths) {
        for (JsonPath p : paths) {
            JsonNode n = p.get(root);
            if (present(n)) {
                return n;
            }
        }
        return null;
    }

    /** Like {@link #first} but as text: strings as they are, numbers and booleans in their JSON form; else null. */
    public static String firstText(JsonNode root, JsonPath... paths) {
        JsonNode n = first(root, paths);
        return n != null && n.isValueNode() ? n.asText() : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
