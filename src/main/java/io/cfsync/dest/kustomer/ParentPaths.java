package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.event.JsonPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Source paths split into the object that holds the value and the value's key, so that the objects a set of paths
 * shares ({@code traits}, {@code context.traits}) are found once per event rather than once per path: an identify
 * reads some fifty paths out of three such objects, and every step of each path was a lookup in the event's tree.
 * Finds exactly what {@link JsonPath#first} finds. Immutable and thread-safe.
 */
final class ParentPaths {
    private final List<JsonPath> parents = new ArrayList<>();
    private final int[][] parentOf;
    private final String[][] keyOf;

    /** One entry per group of source paths, each group in its "first present" order. */
    ParentPaths(List<JsonPath[]> groups) {
        parentOf = new int[groups.size()][];
        keyOf = new String[groups.size()][];
        List<String> parentTexts = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            JsonPath[] paths = groups.get(g);
            parentOf[g] = new int[paths.length];
            keyOf[g] = new String[paths.length];
            for (int i = 0; i < paths.length; i++) {
                String text = paths[i].toString();
                int dot = text.lastIndexOf('.');
                String parent = dot < 0 ? "" : text.substring(0, dot);
                if (!parentTexts.contains(parent)) {
                    parentTexts.add(parent);
                    parents.add(parent.isEmpty() ? null : JsonPath.of(parent));
                }
                parentOf[g][i] = parentTexts.indexOf(parent);
                keyOf[g][i] = text.substring(dot + 1);
            }
        }
    }

    /** The objects that hold the values in {@code root}, found once for all the groups. */
    JsonNode[] resolve(JsonNode root) {
        JsonNode[] out = new JsonNode[parents.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parents.get(i) == null ? root : parents.get(i).get(root);
        }
        return out;
    }

    /** The first present value of group {@code g}, as {@link JsonPath#first} over its paths; else null. */
    JsonNode first(JsonNode[] resolved, int g) {
        for (int i = 0; i < keyOf[g].length; i++) {
            JsonNode parent = resolved[parentOf[g][i]];
            JsonNode n = parent == null || !parent.isObject() ? null : parent.get(keyOf[g][i]);
            if (JsonPath.present(n)) {
                return n;
            }
        }
        return null;
    }
}
