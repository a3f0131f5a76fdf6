package io.cfsync.dest.customerio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every request the Customer.io golden cases plan (all three APIs) is checked against the rules of Customer.io's
 * published API descriptions: the Track API ({@code docs.customer.io/files/journeys-track.json}) and the Data
 * Pipelines API ({@code docs.customer.io/files/pipelines.json}). The rules are our own assertions written from
 * those descriptions' facts (paths, methods, required identifiers, types, limits); where cf-sync sends something
 * the Track API v1 schema is narrower about, the deviation and the page that allows it are named at the rule.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CustomerIoContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Paths.get("src/test/resources/golden/customerio");
    private static final Pattern TRACK_HOST = Pattern.compile("https://track(-eu)?\\.customer\\.io");
    private static final Pattern CDP_HOST = Pattern.compile("https://cdp(-eu)?\\.customer\\.io");
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?"
            + "(Z|[+-]\\d\\d:?\\d\\d)");
    /** The v2 person actions the spec defines ({@code person_operations}). */
    private static final Set<String> PERSON_ACTIONS = Set.of("identify", "delete", "event", "page", "screen",
            "add_relationships", "delete_relationships", "add_device", "delete_device", "merge", "suppress",
            "unsuppress");
    private static final Set<String> OBJECT_ACTIONS = Set.of("identify", "identify_anonymous", "delete",
            "add_relationships", "delete_relationships");
    private static final Set<String> BATCH_CALLS = Set.of("identify", "track", "page", "screen", "group");

    /**
     * One planned request of a golden case; {@code perCallContext} when the case opts into
     * {@code pipelinesContext=call}, which packs calls of different contexts by choice.
     */
    private record Line(String where, String method, String url, JsonNode body, boolean perCallContext) {
    }

    @Test
    void everyGoldenRequestKeepsThePublishedContract() throws IOException {
        List<Line> lines = goldenLines();
        assertTrue(lines.size() > 100, "golden requests found: " + lines.size());
        int track = 0;
        int pipelines = 0;
        List<String> broken = new ArrayList<>();
        for (Line l : lines) {
            try {
                if (TRACK_HOST.matcher(l.url).lookingAt()) {
                    track++;
                    trackApi(l, TRACK_HOST.matcher(l.url).replaceFirst(""));
                } else if (CDP_HOST.matcher(l.url).lookingAt()) {
                    pipelines++;
                    pipelinesApi(l, CDP_HOST.matcher(l.url).replaceFirst(""));
                } else {
                    throw new AssertionError(l.where + ": not a Customer.io host: " + l.url);
                }
            } catch (AssertionError | RuntimeException e) {
                broken.add(e.getMessage());
            }
        }
        assertTrue(track > 50 && pipelines > 5, track + " Track API, " + pipelines + " Pipelines requests");
        assertEquals(List.of(), broken, broken.size() + " requests break the published contract");
    }

    private static List<Line> goldenLines() throws IOException {
        List<Line> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            for (Path dir : dirs.sorted().toList()) {
                Path expected = dir.resolve("expected.ndjson");
                if (!Files.exists(expected)) {
                    continue;
                }
                boolean perCall = JSON.readTree(dir.resolve("settings.json").toFile()).path("pipelinesContext")
                        .asText().equals("call");
                List<String> text = Files.readAllLines(expected, StandardCharsets.UTF_8);
                for (int i = 0; i < text.size(); i++) {
                    JsonNode n = JSON.readTree(text.get(i));
                    out.add(new Line(dir.getFileName() + ":" + (i + 1), n.get("method").asText(),
                            n.get("url").asText(), n.get("body"), perCall));
                }
            }
        }
        return out;
    }

    // ---- Track API (journeys-track.json) ----

    private static void trackApi(Line l, String path) {
        String[] seg = path.split("/", -1);
        if (path.equals("/api/v2/batch")) {
            post(l);
            assertTrue(bytes(l.body) <= 500_000, l.where + ": v2 batch over 500 KB");
            JsonNode batch = l.body.get("batch");
            assertTrue(batch.isArray() && !batch.isEmpty(), l.where + ": batch must be a non-empty array");
            for (JsonNode e : batch) {
                entity(l, e);
            }
        } else if (path.equals("/api/v2/entity")) {
            post(l);
            entity(l, l.body);
        } else if (path.equals("/api/v1/events")) {
            post(l);
            anonymousEvent(l);
        } else if (path.equals("/api/v1/merge_customers")) {
            post(l);
            assertEquals(Set.of("primary", "secondary"), keys(l.body), l.where);
            oneIdentifier(l, l.body.get("primary"), Set.of("id", "email", "cio_id"));
            oneIdentifier(l, l.body.get("secondary"), Set.of("id", "email", "cio_id"));
        } else if (seg.length == 5 && path.startsWith("/api/v1/customers/")) {
            assertEquals("PUT", l.method, l.where);
            pathId(l, seg[4]);
            v1Attributes(l, l.body);
        } else if (seg.length == 6 && seg[5].equals("events")) {
            post(l);
            pathId(l, seg[4]);
            personEvent(l);
        } else if (seg.length == 6 && seg[5].equals("devices")) {
            assertEquals("PUT", l.method, l.where);
            pathId(l, seg[4]);
            JsonNode d = l.body.get("device");
            text(l, d, "id");
            assertTrue(Set.of("ios", "android").contains(d.path("platform").asText()), l.where + ": platform");
            optionalInteger(l, d, "last_used");
        } else if (seg.length == 7 && seg[5].equals("devices")) {
            assertEquals("DELETE", l.method, l.where);
            pathId(l, seg[4]);
            assertFalse(seg[6].isEmpty(), l.where);
            assertTrue(l.body == null || l.body.isNull(), l.where + ": DELETE has no body");
        } else {
            throw new AssertionError(l.where + ": no such Track API operation: " + l.method + " " + path);
        }
    }

    /**
     * v1 identify body. The schema types attribute values as string, integer or boolean; cf-sync also sends
     * numbers with a fraction ("Attributes can be a string, boolean or a number", docs.customer.io/journeys/
     * attributes), objects and arrays ("Storing and using JSON": attributes may hold nested JSON; the v2 identify
     * schema takes any value). Never null: neither API documents what a null attribute does.
     */
    private static void v1Attributes(Line l, JsonNode attrs) {
        assertTrue(attrs.isObject(), l.where + ": body must be an object");
        int custom = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            String k = a.getKey();
            JsonNode v = a.getValue();
            assertFalse(v.isNull(), l.where + ": attribute " + k + " is null");
            assertTrue(k.getBytes(StandardCharsets.UTF_8).length <= 150, l.where + ": attribute name over 150 bytes");
            if (v.isTextual()) {
                assertTrue(v.textValue().getBytes(StandardCharsets.UTF_8).length <= 1000, l.where + ": " + k);
            }
            switch (k) {
                case "_timestamp", "created_at" -> assertTrue(v.isIntegralNumber(), l.where + ": " + k);
                case "email" -> assertTrue(EMAIL.matcher(v.asText()).matches(), l.where + ": email format");
                case "anonymous_id", "id" -> assertTrue(v.isTextual(), l.where + ": " + k);
                default -> custom++;
            }
        }
        assertTrue(custom <= 300, l.where + ": more than 300 attributes");
    }

    private static void personEvent(Line l) {
        event(l, l.body);
        String type = l.body.path("type").asText("event");
        assertTrue(Set.of("event", "page").contains(type), l.where + ": type " + type);
        assertFalse(l.body.has("anonymous_id"), l.where + ": anonymous_id belongs on /api/v1/events");
    }

    private static void anonymousEvent(Line l) {
        event(l, l.body);
        assertTrue(Set.of("event", "page", "screen").contains(l.body.path("type").asText("event")), l.where);
        text(l, l.body, "anonymous_id");
    }

    /** name (≤ 100 bytes), data an object (≤ 100,000 bytes), integer timestamp, ULID id. */
    private static void event(Line l, JsonNode b) {
        name(l, b);
        JsonNode data = b.get("data");
        assertTrue(data == null || data.isObject(), l.where + ": data must be an object");
        assertTrue(data == null || bytes(data) <= 100_000, l.where + ": data over 100,000 bytes");
        optionalInteger(l, b, "timestamp");
        ulid(l, b);
    }

    private static void entity(Line l, JsonNode e) {
        assertTrue(bytes(e) <= 32_768, l.where + ": entity over 32 KB");
        String type = e.path("type").asText();
        String action = e.path("action").asText();
        if (type.equals("object")) {
            assertTrue(OBJECT_ACTIONS.contains(action), l.where + ": object action " + action);
            text(l, e.get("identifiers"), "object_id");
            text(l, e.get("identifiers"), "object_type_id");
            return;
        }
        assertEquals("person", type, l.where + ": entity type");
        assertTrue(PERSON_ACTIONS.contains(action), l.where + ": person action " + action);
        if (action.equals("merge")) {
            oneIdentifier(l, e.get("primary"), Set.of("id", "email", "cio_id"));
            oneIdentifier(l, e.get("secondary"), Set.of("id", "email", "cio_id"));
            return;
        }
        // "one of id, email, phone, or cio_id. You cannot pass multiple identifiers." No anonymous person.
        oneIdentifier(l, e.get("identifiers"), Set.of("id", "email", "phone", "cio_id"));
        optionalInteger(l, e, "timestamp");
        switch (action) {
            case "identify" -> {
                assertTrue(e.get("attributes") == null || e.get("attributes").isObject(), l.where);
                assertFalse(e.path("attributes").has("_timestamp"), l.where + ": v2 identify time is top-level");
            }
            case "event", "page", "screen" -> {
                name(l, e);
                ulid(l, e);
            }
            case "add_device" -> text(l, e.get("device"), "token");
            case "delete_device" -> text(l, e.get("device"), "token");
            default -> { }
        }
    }

    private static void oneIdentifier(Line l, JsonNode ids, Set<String> kinds) {
        assertTrue(ids != null && ids.isObject() && ids.size() == 1, l.where + ": exactly one identifier: " + ids);
        String kind = ids.fieldNames().next();
        assertTrue(kinds.contains(kind), l.where + ": identifier kind " + kind);
        JsonNode v = ids.get(kind);
        assertTrue(v.isTextual() && !v.textValue().isEmpty(), l.where + ": identifier must be a non-empty string");
        assertTrue(v.textValue().getBytes(StandardCharsets.UTF_8).length <= 150, l.where + ": id over 150 bytes");
        if (kind.equals("email")) {
            assertTrue(EMAIL.matcher(v.textValue()).matches(), l.where + ": email identifier " + v);
        }
    }

    private static void pathId(Line l, String encoded) {
        String id = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        assertFalse(id.isEmpty(), l.where + ": empty identifier in the path");
        assertTrue(id.getBytes(StandardCharsets.UTF_8).length <= 150, l.where + ": path id over 150 bytes");
    }

    // ---- Data Pipelines API (pipelines.json) ----

    private static void pipelinesApi(Line l, String path) {
        post(l);
        assertTrue(path.startsWith("/v1/"), l.where + ": " + path);
        String op = path.substring(4);
        if (op.equals("batch")) {
            assertTrue(bytes(l.body) <= 500_000, l.where + ": batch over 500 KB");
            JsonNode batch = l.body.get("batch");
            assertTrue(batch.isArray() && !batch.isEmpty(), l.where);
            for (JsonNode call : batch) {
                assertTrue(BATCH_CALLS.contains(call.path("type").asText()), l.where + ": not batchable: " + call);
                call(l, call);
                // "the context and integrations objects apply to all calls in the request": no call may carry
                // others than the batch's.
                for (String shared : new String[] {"context", "integrations"}) {
                    if (!l.perCallContext && (call.has(shared) || l.body.has(shared))) {
                        assertEquals(l.body.get(shared), call.get(shared), l.where + ": " + shared + " of a call");
                    }
                }
            }
        } else {
            assertTrue(Set.of("identify", "track", "page", "screen", "group", "alias").contains(op), l.where);
            assertEquals(op, l.body.path("type").asText(op), l.where + ": type matches the path");
            call(l, l.body);
        }
    }

    /** A call: its identity (as each schema requires), its own fields' types, 32,000 bytes at most. */
    private static void call(Line l, JsonNode c) {
        assertTrue(bytes(c) <= 32_000, l.where + ": call over 32 KB");
        String type = c.path("type").asText();
        boolean user = c.hasNonNull("userId");
        boolean anon = c.hasNonNull("anonymousId");
        if (user) {
            assertTrue(c.get("userId").isTextual(), l.where + ": userId must be a string");
        }
        if (anon) {
            assertTrue(c.get("anonymousId").isTextual(), l.where + ": anonymousId must be a string");
        }
        switch (type) {
            case "alias" -> {
                assertTrue(user && !c.get("userId").textValue().isEmpty(), l.where + ": alias needs userId");
                text(l, c, "previousId");
            }
            case "identify" -> {
                assertTrue(user || anon, l.where + ": identify needs userId or anonymousId: " + c);
                if (user && c.get("userId").textValue().isEmpty() && !anon) {
                    // "you can pass an empty userId or anonymousId, and identify people by their email trait"
                    assertTrue(EMAIL.matcher(c.path("traits").path("email").asText()).matches(), l.where);
                }
            }
            case "track" -> {
                assertTrue(user || anon, l.where + ": track needs userId or anonymousId");
                text(l, c, "event");
            }
            case "group" -> {
                assertTrue(user || anon, l.where + ": group needs userId or anonymousId");
                text(l, c, "groupId");
            }
            default -> assertTrue(user || anon, l.where + ": " + type + " needs userId or anonymousId");
        }
        JsonNode ts = c.get("timestamp");
        assertTrue(ts == null || ISO.matcher(ts.asText()).lookingAt(), l.where + ": timestamp is ISO 8601");
    }

    // ---- shared ----

    private static void post(Line l) {
        assertEquals("POST", l.method, l.where);
        assertTrue(l.body != null && l.body.isObject(), l.where + ": JSON object body");
    }

    private static void name(Line l, JsonNode b) {
        JsonNode n = b.get("name");
        assertTrue(n != null && n.isTextual() && !n.textValue().isBlank(), l.where + ": name required");
        assertTrue(n.textValue().getBytes(StandardCharsets.UTF_8).length <= 100, l.where + ": name over 100 bytes");
    }

    private static void ulid(Line l, JsonNode b) {
        JsonNode id = b.get("id");
        assertTrue(id == null || ULID.matcher(id.asText()).matches(), l.where + ": id is a ULID");
    }

    private static void text(Line l, JsonNode o, String field) {
        JsonNode v = o == null ? null : o.get(field);
        assertTrue(v != null && v.isTextual() && !v.textValue().isEmpty(), l.where + ": " + field + " required");
    }

    private static void optionalInteger(Line l, JsonNode o, String field) {
        JsonNode v = o.get(field);
        assertTrue(v == null || v.isIntegralNumber(), l.where + ": " + field + " must be an integer");
    }

    private static Set<String> keys(JsonNode o) {
        Set<String> out = new java.util.HashSet<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static int bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n).length;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
