package io.cfsync.dest.customfit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Maps Segment events to one CustomFit request each, in the seed shape or the SDK envelope. Pure and thread-safe;
 * traits and properties pass through unchanged (Engage audience booleans included).
 */
final class CustomFitTranslator implements Translator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonPath[] PAGE_NAME = JsonPath.all("properties.name");
    private static final JsonPath[] SCREEN_NAME = JsonPath.all("properties.name", "event");
    private static final String[] TIME_FIELDS = {"timestamp", "originalTimestamp"};
    /** The client SDK's event time format: UTC, space separator, milliseconds. */
    private static final DateTimeFormatter SDK_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final CustomFitSettings settings;

    CustomFitTranslator(CustomFitSettings settings) {
        this.settings = settings;
    }

    @Override
    public Translation translate(Event event, PrePassFacts facts) {
        if (event instanceof Event.Group || event instanceof Event.Alias) {
            return Translation.skipped("unsupported-by-destination");
        }
        String user = event.userId();
        if (user == null && settings.anonymousFallback()) {
            user = event.anonymousId();
        }
        if (user == null) {
            return Translation.invalid("missing-identity", "customfit needs userId (or anonymousId with "
                    + "anonymousFallback); an email alone does not identify a user");
        }
        ObjectNode body = settings.sdkEnvelope() ? envelope(event, user) : seed(event, user);
        return Translation.of(VendorRequest.json("POST", settings.url(), body));
    }

    private ObjectNode seed(Event event, String user) {
        ObjectNode body = F.objectNode();
        if (event instanceof Event.Identify) {
            body.put("event_type", "identify");
            body.put("user_customer_id", user);
            body.set("properties", object(event.json().get("traits")));
        } else if (event instanceof Event.Track t) {
            body.put("event_type", "track");
            body.put("user_customer_id", user);
            body.put("event_customer_id", t.event());
            body.set("data", object(event.json().get("properties")));
        } else {
            boolean page = event instanceof Event.Page;
            body.put("event_type", page ? "pageview" : "screenview");
            body.put("user_customer_id", user);
            String name = viewName(event);
            if (name != null) {
                body.put("name", name);
            }
        }
        if (settings.includeTimestamp()) {
            String time = timeText(event);
            if (time != null) {
                body.put("event_timestamp", time);
            }
        }
        if (settings.includeInsertId() && event.messageId() != null) {
            body.put("insert_id", event.messageId());
        }
        return body;
    }

    /** The client SDK's shape: an events array (empty for identify) and the user block. */
    private ObjectNode envelope(Event event, String user) {
        ObjectNode body = F.objectNode();
        var events = body.putArray("events");
        if (!(event instanceof Event.Identify)) {
            ObjectNode e = events.addObject();
            if (event instanceof Event.Track t) {
                e.put("event_customer_id", t.event());
                e.put("event_type", "TRACK");
                e.set("properties", object(event.json().get("properties")));
            } else {
                e.put("event_customer_id", event instanceof Event.Page ? "pageview" : "screenview");
                e.put("event_type", "TRACK");
                ObjectNode props = e.putObject("properties");
                String name = viewName(event);
                if (name != null) {
                    props.put("name", name);
                }
            }
            if (event.envelope().hasTime()) {
                e.put("event_timestamp", SDK_TIME.format(Instant.ofEpochMilli(event.envelope().timeMillis())));
            }
            if (event.messageId() != null) {
                e.put("insert_id", event.messageId());
            }
        }
        ObjectNode u = body.putObject("user");
        u.put("user_customer_id", user);
        u.put("anonymous", event.userId() == null);
        u.set("properties", event instanceof Event.Identify ? object(event.json().get("traits")) : F.objectNode());
        return body;
    }

    /** Page: name, else properties.name. Screen: name, else properties.name, else event. Strings only. */
    private static String viewName(Event event) {
        String top = event instanceof Event.Page p ? p.name() : ((Event.Screen) event).name();
        if (top != null) {
            return top;
        }
        JsonNode n = JsonPath.first(event.json(), event instanceof Event.Page ? PAGE_NAME : SCREEN_NAME);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** The original text of the event time (timestamp, else originalTimestamp), already validated; or null. */
    private static String timeText(Event event) {
        if (!event.envelope().hasTime()) {
            return null;
        }
        for (String f : TIME_FIELDS) {
            JsonNode v = event.json().get(f);
            if (v != null && v.isTextual()) {
                return v.textValue();
            }
        }
        return null;
    }

    /** The object itself (shared, never modified), or a new empty object when absent. */
    private static JsonNode object(JsonNode n) {
        return n != null && n.isObject() ? n : F.objectNode();
    }
}
