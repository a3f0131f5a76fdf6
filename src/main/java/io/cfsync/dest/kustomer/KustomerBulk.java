package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.BulkAnswer;
import io.cfsync.dest.BulkSpec;
import io.cfsync.dest.PathSegment;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kustomer's asynchronous bulk customer create (developer.kustomer.com, "Bulk operations" and "Bulk create
 * customers"): {@code POST /v1/customers/bulk} with up to 100 items, each with a {@code _clientRef} (all or none,
 * non-empty, at most 255 characters, unique in the request), answered 201 with {@code data.id}; {@code GET
 * /v1/bulk/{id}} until {@code status} is {@code complete}; then {@code GET /v1/bulk/{id}/batches}, whose
 * {@code results[]} give each {@code _clientRef} {@code created}, {@code updated} or {@code error}.
 *
 * <p>Only an identify planned as lookups then update-or-create becomes an item: its create body, which carries the
 * externalId. An item error saying the customer already exists is not a verdict: the event then runs its own plan
 * (lookups, then update), as it would without bulk. So is an error that reads like the vendor's own trouble. Any
 * other item error dead-letters the event with the vendor's words. Pure, immutable, thread-safe.
 */
final class KustomerBulk implements BulkSpec {
    /** Kustomer's documented cap per bulk request. */
    static final int MAX_ITEMS = 100;
    static final int MAX_REF = 255;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Words of an item error that mean "this customer exists": update it instead of creating it. */
    private static final List<String> EXISTS = List.of("duplicate", "already exist", "conflict", "exists");
    /** Words of an item error that mean the vendor failed, not the item: send the event again on its own. */
    private static final List<String> VENDOR_TROUBLE = List.of("internal", "timeout", "timed out", "unavailable",
            "try again", "rate limit", "too many requests");

    private final String baseUrl;
    /** The create URL an item's request is told by; made once, not once per request of every event. */
    private final String createUrl;

    KustomerBulk(String baseUrl) {
        this.baseUrl = baseUrl;
        this.createUrl = baseUrl + "/v1/customers";
    }

    @Override
    public int maxItems() {
        return MAX_ITEMS;
    }

    @Override
    public JsonNode item(List<VendorRequest> plan) {
        JsonNode create = null;
        for (VendorRequest r : plan) {
            if (r.when() == When.IF_NOT_FOUND && "POST".equals(r.method())
                    && createUrl.equals(r.url())) {
                create = r.body();
            } else if (r.when() != When.LOOKUP && r.when() != When.IF_FOUND) {
                return null; // a plan with more than the customer write (a tracking-id link) keeps its order as one
            }
        }
        return create;
    }

    @Override
    public VendorRequest submit(List<JsonNode> items, List<String> refs) {
        if (items.size() != refs.size() || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("1 to " + MAX_ITEMS + " items, one reference each");
        }
        Set<String> seen = new HashSet<>();
        ArrayNode body = F.arrayNode(items.size());
        for (int i = 0; i < items.size(); i++) {
            String ref = refs.get(i);
            if (ref == null || ref.isEmpty() || ref.length() > MAX_REF || !seen.add(ref)) {
                throw new IllegalArgumentException("_clientRef must be non-empty, at most " + MAX_REF
                        + " characters and unique in the request: " + ref);
            }
            ObjectNode item = body.addObject();
            item.put("_clientRef", ref);
            item.setAll((ObjectNode) items.get(i));
        }
        return VendorRequest.json("POST", baseUrl + "/v1/customers/bulk", body);
    }

    @Override
    public String jobId(byte[] body) {
        JsonNode id = read(body).path("data").path("id");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
    }

    @Override
    public VendorRequest poll(String jobId) {
        return VendorRequest.json("GET", baseUrl + "/v1/bulk/" + PathSegment.encode(jobId), null);
    }

    @Override
    public State state(byte[] body) {
        JsonNode root = read(body);
        JsonNode data = root.path("data");
        String s = firstText(root.get("status"), data.get("status"), data.path("attributes").get("status"));
        if (s == null) {
            return State.UNREADABLE;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "queued":
                return State.QUEUED;
            case "running":
                return State.RUNNING;
            case "complete":
            case "completed":
                return State.COMPLETE;
            default:
                return State.UNREADABLE;
        }
    }

    @Override
    public VendorRequest results(String jobId) {
        return VendorRequest.json("GET", baseUrl + "/v1/bulk/" + PathSegment.encode(jobId) + "/batches", null);
    }

    @Override
    public String followUp() {
        return "then GET " + baseUrl + "/v1/bulk/{id} until complete, and GET " + baseUrl + "/v1/bulk/{id}/batches; "
                + "an item whose customer exists runs its own plan (lookups, then update)";
    }

    /**
     * Reads every {@code results[]} of every batch. A reference named twice, or with an unknown status, is not
     * trusted (the event goes on its own); a reference the request did not carry is ignored.
     */
    @Override
    public BulkAnswer answer(byte[] body, List<String> refs) {
        JsonNode root = read(body);
        JsonNode batches = root.isArray() ? root : root.path("data");
        Set<String> asked = new HashSet<>(refs);
        Map<String, BulkAnswer.Item> out = new LinkedHashMap<>();
        Set<String> twice = new HashSet<>();
        for (JsonNode batch : batches) {
            JsonNode results = batch.has("results") ? batch.get("results") : batch.path("attributes").path("results");
            for (JsonNode r : results) {
                String ref = r.path("_clientRef").isTextual() ? r.get("_clientRef").asText() : null;
                if (ref == null || !asked.contains(ref)) {
                    continue;
                }
                if (out.put(ref, item(r)) != null) {
                    twice.add(ref);
                }
            }
        }
        twice.forEach(ref -> out.put(ref, new BulkAnswer.Item(BulkAnswer.Kind.AGAIN,
                "named more than once in the job's results")));
        return new BulkAnswer(out);
    }

    private static BulkAnswer.Item item(JsonNode r) {
        String status = r.path("status").asText("");
        switch (status) {
            case "created":
            case "updated":
                return new BulkAnswer.Item(BulkAnswer.Kind.DONE, null);
            case "error":
                return error(r.get("error"));
            default:
                return new BulkAnswer.Item(BulkAnswer.Kind.AGAIN, "unknown item status '" + status + "'");
        }
    }

    /** An item error: its words, and whether they say the customer exists or the vendor failed. */
    static BulkAnswer.Item error(JsonNode error) {
        String words = error == null || error.isNull() ? "error without a reason"
                : error.isTextual() ? error.asText() : error.toString();
        int code = error == null ? 0 : firstInt(error.get("status"), error.get("statusCode"), error.get("code"));
        String lower = words.toLowerCase(Locale.ROOT);
        boolean again = code == 409 || code == 429 || code >= 500
                || (code == 0 && (EXISTS.stream().anyMatch(lower::contains)
                        || VENDOR_TROUBLE.stream().anyMatch(lower::contains)));
        return new BulkAnswer.Item(again ? BulkAnswer.Kind.AGAIN : BulkAnswer.Kind.REJECTED, words);
    }

    private static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return F.missingNode();
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            return n == null ? F.missingNode() : n;
        } catch (IOException e) {
            return F.missingNode();
        }
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isTextual()) {
                return n.asText();
            }
        }
        return null;
    }

    private static int firstInt(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isIntegralNumber() && n.canConvertToInt()) {
                return n.intValue();
            }
            if (n != null && n.isTextual() && parse(n.asText()) != 0) {
                return parse(n.asText());
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
