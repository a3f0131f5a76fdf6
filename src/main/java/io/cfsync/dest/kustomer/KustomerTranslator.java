package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.kustomer.KustomerSettings.Anonymous;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.util.List;
import java.util.function.Predicate;

/**
 * Maps Segment events to Kustomer REST calls: identify to a customer lookup-then-write plan, track/page/screen to
 * tracking events on the customer's timeline. Pure and thread-safe; automatic session ids arrive as pre-pass facts.
 */
final class KustomerTranslator implements Translator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonPath[] PROPERTY_NAME = JsonPath.all("properties.name");
    private static final JsonPath[] SCREEN_NAME = JsonPath.all("properties.name", "event");
    /** Read from the properties object, resolved once per event. */
    private static final JsonPath[] TRACKING_ID = JsonPath.all("kustomer_tracking_id", "kustomerTrackingId");
    private static final List<String> ID_PROPERTIES = List.of("kustomerSessionId", "kustomer_session_id",
            "kustomerTrackingId", "kustomer_tracking_id");
    private static final Predicate<String> WITHOUT_IDS = ID_PROPERTIES::contains;
    private static final Predicate<String> WITHOUT_IDS_AND_EMAIL = k -> k.equals("email") || WITHOUT_IDS.test(k);

    private final KustomerSettings settings;
    private final CustomerPlan customers;

    KustomerTranslator(KustomerSettings settings) {
        this.settings = settings;
        this.customers = new CustomerPlan(settings.baseUrl(), settings.mapCustomObject());
    }

    @Override
    public Translation translate(Event event, PrePassFacts facts) {
        if (event.userId() == null && event.anonymousId() == null
                && !(event instanceof Event.Group || event instanceof Event.Alias)) {
            // Kustomer keys customers and tracking events by externalId: an email alone cannot be one.
            return Translation.invalid("missing-identity", "kustomer needs userId (tracking events: or anonymousId "
                    + "with anonymous=external-id or tracking-id); an email alone does not identify a customer");
        }
        if (event instanceof Event.Identify e) {
            if (e.userId() == null) {
                return Translation.skipped("kustomer-identify-needs-userId");
            }
            return customers.plan(e, link(e));
        } else if (event instanceof Event.Track e) {
            return tracking(e, e.event(), facts);
        } else if (event instanceof Event.Page e) {
            String n = e.name() != null ? e.name() : JsonPath.firstText(e.json(), PROPERTY_NAME);
            return tracking(e, settings.genericPageName() ? "Web-Page-Viewed" : viewed("Web-Page-Viewed", n), facts);
        } else if (event instanceof Event.Screen e) {
            String n = e.name() != null ? e.name() : JsonPath.firstText(e.json(), SCREEN_NAME);
            return tracking(e, settings.genericScreenName() ? "Screen-Viewed" : viewed("Screen-Viewed", n), facts);
        } else if (event instanceof Event.Group || event instanceof Event.Alias) {
            return Translation.skipped("unsupported-by-destination");
        }
        throw new AssertionError(event);
    }

    private static String viewed(String prefix, String name) {
        return name == null || name.isBlank() ? prefix : prefix + "-" + name;
    }

    /** With anonymous=tracking-id, an identify with both ids ties the visitor's earlier events to the customer. */
    private VendorRequest link(Event.Identify e) {
        if (settings.anonymous() != Anonymous.TRACKING_ID || e.anonymousId() == null) {
            return null;
        }
        ObjectNode body = F.objectNode();
        body.put("trackingId", e.anonymousId());
        body.put("externalId", e.userId());
        return VendorRequest.json("POST", settings.baseUrl() + "/v1/tracking/identity", body);
    }

    private Translation tracking(Event e, String rawName, PrePassFacts facts) {
        boolean anonymous = e.userId() == null;
        if (anonymous && settings.anonymous() == Anonymous.SKIP) {
            return Translation.skipped("anonymous");
        }
        String name = settings.advancedTransform() ? AdvancedTransform.name(rawName) : rawName;
        // The pre-pass gives an automatic id only to an event that names none: with one, there is nothing to read.
        String sessionId = facts.sessionId();
        if (sessionId == null) {
            sessionId = SessionPrePass.explicitId(e.json());
        }
        if (anonymous && settings.anonymous() == Anonymous.TRACKING_ID) {
            ObjectNode body = F.objectNode();
            body.put("trackingId", e.anonymousId());
            putIfPresent(body, "sessionId", sessionId);
            body.put("name", name);
            body.set("meta", meta(e, false));
            return Translation.of(VendorRequest.json("POST", settings.baseUrl() + "/v1/tracking/event", body));
        }
        return Translation.of(VendorRequest.json("POST", settings.baseUrl() + "/v1/tracking/identityEvent",
                identityEvent(e, name, sessionId)));
    }

    private ObjectNode identityEvent(Event e, String name, String sessionId) {
        ObjectNode body = F.objectNode();
        ObjectNode identity = body.putObject("identity");
        identity.put("externalId", e.userId() != null ? e.userId() : e.anonymousId());
        String email = settings.identityEmail() ? JsonPath.firstText(e.json(), CustomerAttributes.EMAIL) : null;
        if (email != null) {
            identity.put("email", email);
        }
        ObjectNode event = body.putObject("event");
        event.put("name", name);
        putIfPresent(event, "sessionId", sessionId);
        putIfPresent(event, "trackingId", JsonPath.firstText(e.json().get("properties"), TRACKING_ID));
        event.set("meta", meta(e, email != null && settings.dropEmailFromMeta()));
        return body;
    }

    /**
     * The properties without the session and tracking ids (only top-level keys change), and without the email when
     * {@code dropEmail}; with advancedTransform, transformed in the same pass rather than from a copy.
     */
    private ObjectNode meta(Event e, boolean dropEmail) {
        JsonNode props = e.json().get("properties");
        if (settings.advancedTransform()) {
            return AdvancedTransform.meta(props, dropEmail ? WITHOUT_IDS_AND_EMAIL : WITHOUT_IDS);
        }
        ObjectNode meta = F.objectNode();
        if (props != null && props.isObject()) {
            meta.setAll((ObjectNode) props);
        }
        meta.remove(ID_PROPERTIES);
        if (dropEmail) {
            meta.remove("email");
        }
        return meta;
    }

    private static void putIfPresent(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
