package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.JsonBytes;
import io.cfsync.dest.PathSegment;
import io.cfsync.dest.ValueRules;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import io.cfsync.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps Segment events to Customer.io Track API v1 requests. Pure and thread-safe. */
final class CustomerIoTranslator implements Translator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final int MAX_DATA_BYTES = 100_000;

    private final CustomerIoSettings settings;
    private final CustomerIoAttributes attributes;

    CustomerIoTranslator(CustomerIoSettings settings) {
        this.settings = settings;
        this.attributes = new CustomerIoAttributes(settings);
    }

    @Override
    public Translation translate(Event event, PrePassFacts facts) {
        if (event instanceof Event.Identify e) {
            return identify(e);
        } else if (event instanceof Event.Track e) {
            return track(e);
        } else if (event instanceof Event.Page || event instanceof Event.Screen) {
            return activity(event, event instanceof Event.Page ? "page" : "event");
        } else if (event instanceof Event.Group e) {
            if (CustomerIoPeople.tooLong(e.groupId())) {
                return CustomerIoPeople.idTooLong("object");
            }
            return Translation.of(VendorRequest.json("POST", settings.baseUrl() + "/api/v2/entity",
                    CustomerIoObjects.entity(e)));
        } else if (event instanceof Event.Alias e) {
            return alias(e);
        }
        throw new AssertionError(event);
    }

    private String customerUrl(String id) {
        return settings.baseUrl() + "/api/v1/customers/" + PathSegment.encode(id);
    }

    private Translation identify(Event.Identify e) {
        String id = CustomerIoPeople.personId(e);
        if (id == null) {
            return CustomerIoPeople.missingIdentity(CustomerIoPeople.IDENTIFY_NEEDS);
        }
        if (CustomerIoPeople.tooLong(id)) {
            return CustomerIoPeople.idTooLong("person");
        }
        List<String> warnings = new ArrayList<>();
        ObjectNode attrs = attributes.identify(e, warnings);
        return new Translation.Requests(List.of(VendorRequest.json("PUT", customerUrl(id), attrs)), warnings);
    }

    private Translation track(Event.Track e) {
        String id = CustomerIoPeople.personId(e);
        String token = CustomerIoDevices.token(e);
        switch (CustomerIoDevices.kind(settings, e, id, token)) {
            case MISSING_TOKEN:
                return CustomerIoDevices.missingToken();
            case DELETE:
                return Translation.of(new VendorRequest("DELETE",
                        customerUrl(id) + "/devices/" + PathSegment.encode(token), Map.of(), null, When.ALWAYS,
                        null));
            case ADD:
                if (CustomerIoPeople.tooLong(id)) {
                    return CustomerIoPeople.idTooLong("person");
                }
                ObjectNode body = F.objectNode();
                body.set("device", CustomerIoDevices.device(e, "id", token));
                return Translation.of(VendorRequest.json("PUT", customerUrl(id) + "/devices", body));
            default:
                return activity(e, "event");
        }
    }

    /** Track, page and screen: one event on the person, or on the anonymous endpoint. */
    private Translation activity(Event e, String type) {
        List<String> warnings = new ArrayList<>(0);
        String name = CustomerIoNames.of(e, warnings);
        if (name == null) {
            return CustomerIoNames.missingPageName();
        }
        String id = CustomerIoPeople.personId(e);
        String url;
        if (id != null) {
            if (CustomerIoPeople.tooLong(id)) {
                return CustomerIoPeople.idTooLong("person");
            }
            url = customerUrl(id) + "/events";
        } else if (!settings.sendAnonymous()) {
            return Translation.skipped("anonymous");
        } else if (e.anonymousId() == null) {
            return CustomerIoPeople.missingIdentity(CustomerIoPeople.EVENT_NEEDS);
        } else {
            url = settings.baseUrl() + "/api/v1/events";
        }
        JsonNode data = attributes.properties(e);
        if (JsonBytes.exceeds(data, MAX_DATA_BYTES)) {
            return Translation.invalid("data-too-large", "customer.io event data is over 100,000 bytes");
        }
        ObjectNode body = F.objectNode();
        body.put("name", name);
        String eventId = EventIds.of(e);
        if (eventId != null) {
            body.put("id", eventId);
        }
        body.put("type", type);
        body.set("data", data);
        if (e.envelope().hasTime()) {
            body.put("timestamp", ValueRules.unixSeconds(e.envelope().timeMillis()));
        }
        if (id == null) {
            body.put("anonymous_id", e.anonymousId());
        }
        return new Translation.Requests(List.of(VendorRequest.json("POST", url, body)), warnings);
    }

    private Translation alias(Event.Alias e) {
        if (e.userId() == null) {
            return CustomerIoPeople.missingIdentity(CustomerIoPeople.ALIAS_NEEDS);
        }
        ObjectNode body = F.objectNode();
        body.set("primary", CustomerIoPeople.identifier(e.userId()));
        body.set("secondary", CustomerIoPeople.identifier(e.previousId()));
        return Translation.of(VendorRequest.json("POST", settings.baseUrl() + "/api/v1/merge_customers", body));
    }
}
