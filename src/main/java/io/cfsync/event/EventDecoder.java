package io.cfsync.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates a parsed JSON value against the Segment spec and builds the matching {@link Event}. Stateless and
 * thread-safe. Rules: a known {@code type} (case-insensitive); a non-empty userId or anonymousId (numbers become
 * their decimal text); track needs a non-empty string {@code event}, group a {@code groupId}, alias a
 * {@code previousId}; {@code properties}, {@code traits} and {@code context} must be objects when given;
 * {@code timestamp} and {@code originalTimestamp} must be real ISO-8601 instants when given (JSON null counts
 * as absent, an empty string or a number does not); no number may be too large for a double ({@code 1e999}),
 * and objects and arrays may nest at most {@link #MAX_DEPTH} levels.
 * Failing both userId and anonymousId, an email in {@code traits.email} or {@code context.traits.email} names the
 * person: whether an email alone is enough is each destination's rule.
 */
public final class EventDecoder {
    /**
     * The deepest nesting of objects and arrays an event may have (the event itself is level 1). Well below
     * Jackson's limits for reading and writing (1000), so an event that is accepted can always be written out
     * again inside the dry-run line, request body or dead-letter entry that wraps it.
     */
    public static final int MAX_DEPTH = 500;
    private static final String[] OBJECT_FIELDS = {"properties", "traits", "context"};
    private static final String[] TIME_FIELDS = {"timestamp", "originalTimestamp"};

    public Decoded decode(JsonNode node) {
        return decode(node, false);
    }

    /**
     * As {@link #decode(JsonNode)}; {@code withinLimits} says the caller has already proven the tree within the
     * nesting and number limits (a reader knows from the raw line), so the walk that checks them is left out.
     */
    public Decoded decode(JsonNode node, boolean withinLimits) {
        if (node == null || !node.isObject()) {
            return Decoded.bad("not-an-object", "line is JSON but not an object (" + kind(node) + ")");
        }
        ObjectNode json = (ObjectNode) node;
        JsonNode typeNode = json.get("type");
        if (typeNode == null || typeNode.isNull()) {
            return Decoded.bad("missing-type", "event has no \"type\"");
        }
        EventType type = typeNode.isTextual() ? EventType.parse(typeNode.textValue()) : null;
        if (type == null) {
            return Decoded.bad("unknown-type", "\"type\" is " + typeNode + ", not one of identify, track, page, "
                    + "screen, group, alias");
        }
        Problem limit = withinLimits ? null : TreeLimits.check(json);
        if (limit != null) {
            return new Decoded.Bad(limit);
        }
        String userId = idText(json.get("userId"));
        String anonymousId = idText(json.get("anonymousId"));
        if (userId == BAD || anonymousId == BAD) {
            return Decoded.bad("invalid-user-id", "userId and anonymousId must be strings or numbers");
        }
        if (userId == null && anonymousId == null && Envelope.emailOf(json) == null) {
            // Which of these a destination needs is its own rule (its translator says so); none of them is none.
            return Decoded.bad("missing-identity", "event has no userId, anonymousId or email (traits.email, "
                    + "context.traits.email)");
        }
        for (String f : OBJECT_FIELDS) {
            JsonNode v = json.get(f);
            if (v != null && !v.isNull() && !v.isObject()) {
                return Decoded.bad("invalid-" + f, "\"" + f + "\" must be an object, not " + kind(v));
            }
        }
        long time = Envelope.NO_TIME;
        for (String f : TIME_FIELDS) {
            JsonNode v = json.get(f);
            if (v == null || v.isNull()) {
                continue;
            }
            long t = v.isTextual() ? Timestamps.parseInstant(v.textValue()) : Timestamps.INVALID;
            if (t == Timestamps.INVALID) {
                return Decoded.bad("invalid-timestamp", "\"" + f + "\" is " + abbreviate(v.toString())
                        + ", not an ISO-8601 instant");
            }
            if (time == Envelope.NO_TIME) {
                time = t;
            }
        }
        JsonNode mid = json.get("messageId");
        String messageId = mid != null && mid.isTextual() && !mid.textValue().isEmpty() ? mid.textValue() : null;
        Envelope env = new Envelope(json, userId, anonymousId, messageId, time);
        switch (type) {
            case IDENTIFY:
                return new Decoded.Ok(new Event.Identify(env));
            case TRACK: {
                JsonNode ev = json.get("event");
                if (ev == null || ev.isNull()) {
                    return Decoded.bad("invalid-event-name", "track event has no \"event\" name");
                }
                if (!ev.isTextual() || ev.textValue().isBlank()) {
                    return Decoded.bad("invalid-event-name", "track \"event\" must be a non-empty string, not "
                            + abbreviate(ev.toString()));
                }
                return new Decoded.Ok(new Event.Track(env, ev.textValue()));
            }
            case PAGE:
                return new Decoded.Ok(new Event.Page(env, optText(json.get("name"))));
            case SCREEN:
                return new Decoded.Ok(new Event.Screen(env, optText(json.get("name"))));
            case GROUP: {
                String groupId = idText(json.get("groupId"));
                if (groupId == null || groupId == BAD) {
                    return Decoded.bad("missing-group-id", "group event needs a \"groupId\"");
                }
                return new Decoded.Ok(new Event.Group(env, groupId));
            }
            case ALIAS: {
                String previousId = idText(json.get("previousId"));
                if (previousId == null || previousId == BAD) {
                    return Decoded.bad("missing-previous-id", "alias event needs a \"previousId\"");
                }
                return new Decoded.Ok(new Event.Alias(env, previousId));
            }
            default:
                throw new AssertionError(type);
        }
    }

    private static final String BAD = new String("<bad>");

    /** A non-empty string or a number as text; null when absent, null or empty; {@link #BAD} for other types. */
    private static String idText(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue().isEmpty() ? null : n.textValue();
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (n.isNumber()) {
            return n.decimalValue().stripTrailingZeros().toPlainString();
        }
        return BAD;
    }

    private static String optText(JsonNode n) {
        return n != null && n.isTextual() && !n.textValue().isEmpty() ? n.textValue() : null;
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return n.getNodeType().name().toLowerCase();
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
