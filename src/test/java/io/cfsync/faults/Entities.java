package io.cfsync.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which corpus events one Customer.io request carries, in body order: one for a v1 request, a single v2 entity or
 * a single Pipelines call, each element of a v2 {@code /api/v2/batch} or Pipelines {@code /v1/batch} body. Events
 * are found by the {@code mid} cf-sync passes through
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
                out.add(entity.has("action") ? v2(corpus, entity) : pipelines(corpus, entity));
            }
        } else if (path.startsWith("/v1/")) {
            out.add(pipelines(corpus, root));
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

    /** A Pipelines call: the event as read, its mid in properties or traits; it dedupes by messageId, no id. */
    private static Entity pipelines(Corpus corpus, JsonNode call) {
        if (call.path("type").asText().equals("alias")) {
            return new Entity(corpus.aliasMid(call.path("userId").asText(), call.path("previousId").asText()), false,
                    null);
        }
        JsonNode mid = call.has("traits") ? call.path("traits").path("mid") : call.path("properties").path("mid");
        return new Entity(text(mid), false, null);
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
