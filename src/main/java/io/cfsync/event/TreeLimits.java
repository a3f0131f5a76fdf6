package io.cfsync.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Limits on an event's JSON tree, checked in one walk: nesting no deeper than {@link EventDecoder#MAX_DEPTH}
 * (so the event can always be written again inside the requests and dead letters that wrap it), and no number too
 * large for a double ({@code 1e999}: the parser turns it into infinity, which would be sent as the string
 * {@code "Infinity"}). Stateless and thread-safe.
 */
final class TreeLimits {
    private TreeLimits() {
    }

    /** The first limit {@code root} breaks, naming where ({@code properties.items[2].price}), or null. */
    static Problem check(JsonNode root) {
        StringBuilder path = new StringBuilder();
        return walk(root, 1, path);
    }

    private static Problem walk(JsonNode n, int depth, StringBuilder path) {
        if (n.isFloatingPointNumber()) {
            return Double.isFinite(n.doubleValue()) || n.isBigDecimal() ? null
                    : Problem.of("number-out-of-range", "\"" + path + "\" is a number too large for a double "
                            + "(beyond ±1.8e308); it would be sent as Infinity");
        }
        if (!n.isContainerNode()) {
            return null;
        }
        if (depth > EventDecoder.MAX_DEPTH) {
            return Problem.of("too-deeply-nested", "objects and arrays nested deeper than " + EventDecoder.MAX_DEPTH
                    + " levels (at \"" + path + "\")");
        }
        int mark = path.length();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> f : n.properties()) {
                path.append(mark == 0 ? "" : ".").append(f.getKey());
                Problem p = walk(f.getValue(), depth + 1, path);
                if (p != null) {
                    return p;
                }
                path.setLength(mark);
            }
        } else {
            for (int i = 0; i < n.size(); i++) {
                path.append('[').append(i).append(']');
                Problem p = walk(n.get(i), depth + 1, path);
                if (p != null) {
                    return p;
                }
                path.setLength(mark);
            }
        }
        return null;
    }
}
