package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a 2xx answer to a batch request says about each of its entities, read strictly: either it names every
 * rejected entity unambiguously (the others were accepted), or it is <em>unreadable</em> and says nothing anyone
 * may rely on, which the sender treats like a lost answer. The contract ({@link BatchSpec}, after Customer.io's
 * Track API v2 {@code /api/v2/batch} and the Pipelines API {@code /v1/batch}):
 * <ul>
 *   <li>A 207 is {@code {"errors":[{"batch_index":n,"reason":…,"field":…,"message":…},…]}} with at least one error,
 *       each {@code batch_index} a JSON integer within the batch. Anything else (no {@code errors}, an empty list,
 *       an index given as text, a fraction, negative or past the end, an element without one, a body that is not
 *       JSON) is unreadable: a 207 says some entity was rejected, so not naming it leaves every one in doubt.</li>
 *   <li>A 200 (or another 2xx) is documented as an empty JSON object: an empty body or a JSON object without error
 *       fields means every entity was accepted. A 200 that carries {@code errors} is read like a 207 (an empty
 *       list rejects nothing); one that carries {@code error} or {@code meta.errors}/{@code meta.error} (an error
 *       about the whole request in a success status), or a body that is not a JSON object (an HTML page from a
 *       proxy, a cut-off body), is unreadable.</li>
 * </ul>
 * Pure; immutable and thread-safe.
 *
 * @param rejected   batch index → the vendor's reason, for a readable answer; empty otherwise
 * @param unreadable why the answer cannot be trusted, or null when it is readable
 */
public record BatchAnswer(Map<Integer, String> rejected, String unreadable) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BatchAnswer ALL_ACCEPTED = new BatchAnswer(Map.of(), null);

    public BatchAnswer {
        rejected = Collections.unmodifiableMap(new TreeMap<>(rejected));
    }

    public boolean readable() {
        return unreadable == null;
    }

    /**
     * Reads the answer {@code status} with {@code body} to a batch of {@code entities} entities.
     *
     * @param body the response body (possibly cut at the transport's limit, which makes it unreadable), or null
     */
    public static BatchAnswer read(int status, byte[] body, int entities) {
        boolean empty = body == null || new String(body, StandardCharsets.UTF_8).isBlank();
        if (empty) {
            return status == 207 ? unreadable("a 207 without a body names no rejected entity") : ALL_ACCEPTED;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return unreadable("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return unreadable("the body is not a JSON object");
        }
        JsonNode errors = root.get("errors");
        if (status != 207) {
            if (errors == null) {
                return wholeRequestError(root) ? unreadable("a success status with an error about the whole "
                        + "request") : ALL_ACCEPTED;
            }
            if (errors.isArray() && errors.isEmpty()) {
                return ALL_ACCEPTED;
            }
        } else if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return unreadable("a 207 without a list of errors names no rejected entity");
        }
        return perEntity(errors, entities);
    }

    private static BatchAnswer perEntity(JsonNode errors, int entities) {
        if (!errors.isArray()) {
            return unreadable("'errors' is not a list");
        }
        Map<Integer, String> out = new TreeMap<>();
        for (JsonNode e : errors) {
            JsonNode idx = e.get("batch_index");
            if (idx == null || !idx.isIntegralNumber() || !idx.canConvertToInt()) {
                return unreadable("an error without a numeric batch_index");
            }
            int i = idx.intValue();
            if (i < 0 || i >= entities) {
                return unreadable("batch_index " + i + " is outside the batch of " + entities);
            }
            String why = java.util.stream.Stream.of(text(e, "reason"), text(e, "field"), text(e, "message"))
                    .filter(x -> !x.isEmpty()).collect(java.util.stream.Collectors.joining(" "));
            out.merge(i, why.isEmpty() ? "rejected by the vendor" : why, (x, y) -> x + "; " + y);
        }
        return new BatchAnswer(out, null);
    }

    private static boolean wholeRequestError(JsonNode root) {
        JsonNode meta = root.path("meta");
        return present(root.get("error")) || present(meta.get("errors")) || present(meta.get("error"));
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !(n.isContainerNode() && n.isEmpty())
                && !(n.isTextual() && n.asText().isEmpty());
    }

    private static BatchAnswer unreadable(String why) {
        return new BatchAnswer(Map.of(), why);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
