package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.event.Event;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Standard Segment semantics of the {@code integrations} object: a destination is off when its key is
 * {@code false}, or when {@code All} is {@code false} and its key is not {@code true} (an object counts as true).
 * Keys match case-insensitively.
 */
public final class Integrations {
    private Integrations() {
    }

    public static boolean enabled(Event event, List<String> keys) {
        JsonNode integrations = event.json().get("integrations");
        if (integrations == null || !integrations.isObject() || integrations.isEmpty()) {
            return true;
        }
        Boolean all = null;
        Boolean mine = null;
        Iterator<Map.Entry<String, JsonNode>> it = integrations.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase("All")) {
                all = truthy(e.getValue());
            } else {
                for (String k : keys) {
                    if (k.equalsIgnoreCase(e.getKey())) {
                        mine = truthy(e.getValue());
                    }
                }
            }
        }
        if (mine != null) {
            return mine;
        }
        return all == null || all;
    }

    private static Boolean truthy(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isObject() ? Boolean.TRUE : null;
    }
}
