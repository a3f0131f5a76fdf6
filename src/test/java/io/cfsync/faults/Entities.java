package io.cfsync.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which corpus events one Customer.io request carries, in body order: one for a v1 request or a single v2 entity,
 * each element of a v2 {@code /api/v2/batch} body. Events are found by the {@code mid} cf-sync passes through
 * (v1 {@code data.mid}, identify attributes {@code mid}, v2 {@code attributes.mid}) and merges by their pair of
 * ids. Stateless and thread-safe.
 */
final class Entities {
    /**
     * One event in a request.
     *
     * @param mid      its messageId, or null when the body names no known event
     * @param activity a track, page or screen (these must carry a dedupe {@code id})
     * @param id       the {@code id} the request gives it, or null
     */
    record Entity(String mid, boolean activity, String id) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Entities() {
    }

    static List<Entity> of(Corpus corpus, String path, String body) {
        JsonNode root;
        try {
            root = body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return List.of(new Entity(null, false, null));
        }
        List<Entity> out = new ArrayList<>();
        if (root.has("batch")) {
            for (JsonNode entity : root.get("batch")) {
                out.add(v2(corpus, entity));
            }
        } else if (path.startsWith("/api/v2/")) {
            out.add(v2(corpus, root));
        } else {
            out.add(v1(corpus, path, root));
        }
        return out;
    }

    private static Entity v2(Corpus corpus, JsonNode e) {
        String action = e.path("action").asText();
        if (action.equals("merge")) {
            return new Entity(merge(corpus, e), false, null);
        }
        boolean activity = action.equals("event") || action.equals("page") || action.equals("screen");
        return new Entity(text(e.path("attributes").path("mid")), activity, text(e.path("id")));
    }

    private static Entity v1(Corpus corpus, String path, JsonNode body) {
        if (path.endsWith("/merge_customers")) {
            return new Entity(merge(corpus, body), false, null);
        }
        if (path.endsWith("/events")) {
            return new Entity(text(body.path("data").path("mid")), true, text(body.path("id")));
        }
        return new Entity(text(body.path("mid")), false, null);
    }

    private static String merge(Corpus corpus, JsonNode e) {
        return corpus.aliasMid(e.path("primary").path("id").asText(), e.path("secondary").path("id").asText());
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
