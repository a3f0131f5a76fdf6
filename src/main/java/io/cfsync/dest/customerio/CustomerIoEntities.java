package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.JsonBytes;
import io.cfsync.dest.ValueRules;
import io.cfsync.dest.Translation;
import io.cfsync.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one Customer.io Track API v2 entity per event (reference 2.12). An entity is a whole request body for
 * {@code POST /api/v2/entity} and, unchanged, one element of a {@code /api/v2/batch} body.
 *
 * <p>Key order, the same for every entity: {@code type, action, identifiers}, then what the action carries:
 * {@code timestamp, attributes} (identify); {@code id, name, timestamp, attributes} (event, page, screen; {@code id} is the
 * same ULID v1 sends, from {@link EventIds}, when the event has a messageId); {@code device}
 * (add_device, delete_device); {@code primary, secondary} (merge, which has no identifiers);
 * {@code attributes, cio_relationships} (object). Absent values are left out, never sent as null.
 *
 * <p>Pure and thread-safe.
 */
final class CustomerIoEntities {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One event's entity, or why it has none: exactly one of {@code json} and {@code refusal} is set. */
    record Entity(ObjectNode json, List<String> warnings, Translation refusal) {
        Entity {
            warnings = List.copyOf(warnings);
        }

        static Entity of(ObjectNode json, List<String> warnings) {
            return new Entity(json, warnings, null);
        }

        static Entity refused(Translation refusal) {
            return new Entity(null, List.of(), refusal);
        }
    }

    private final CustomerIoSettings settings;
    private final CustomerIoAttributes attributes;

    CustomerIoEntities(CustomerIoSettings settings) {
        this.settings = settings;
        this.attributes = new CustomerIoAttributes(settings);
    }

    /** The entity, refused with {@code entity-too-large} when it serializes to more than 32,768 bytes. */
    Entity build(Event event) {
        Entity built = shape(event);
        int max = CustomerIoBatchContract.V2.maxEntityBytes();
        if (built.json() != null && JsonBytes.exceeds(built.json(), max)) {
            return Entity.refused(Translation.invalid("entity-too-large",
                    "customer.io v2 entity is over " + max + " bytes"));
        }
        return built;
    }

    private Entity shape(Event event) {
        if (event instanceof Event.Identify e) {
            return identify(e);
        } else if (event instanceof Event.Track e) {
            return track(e);
        } else if (event instanceof Event.Page || event instanceof Event.Screen) {
            return activity(event, event instanceof Event.Page ? "page" : "screen");
        } else if (event instanceof Event.Group e) {
            if (CustomerIoPeople.tooLong(e.groupId())) {
                return Entity.refused(CustomerIoPeople.idTooLong("object"));
            }
            return Entity.of(CustomerIoObjects.entity(e), List.of());
        } else if (event instanceof Event.Alias e) {
            return alias(e);
        }
        throw new AssertionError(event);
    }

    private static ObjectNode person(String action, ObjectNode identifiers) {
        ObjectNode entity = F.objectNode();
        entity.put("type", "person");
        entity.put("action", action);
        entity.set("identifiers", identifiers);
        return entity;
    }

    private Entity identify(Event.Identify e) {
        ObjectNode ids = CustomerIoPeople.identifiers(e);
        if (ids == null) {
            return Entity.refused(CustomerIoPeople.missingIdentity(CustomerIoPeople.IDENTIFY_NEEDS));
        }
        if (CustomerIoPeople.tooLong(CustomerIoPeople.value(ids))) {
            return Entity.refused(CustomerIoPeople.idTooLong("person"));
        }
        List<String> warnings = new ArrayList<>();
        ObjectNode entity = person("identify", ids);
        ObjectNode attrs = attributes.identify(e, warnings);
        // v1's _timestamp attribute is the v2 identify's top-level timestamp: the time the update occurred, which
        // orders attribute updates; inside v2 attributes it would be a custom attribute named _timestamp.
        if (e.envelope().hasTime()) {
            entity.set("timestamp", attrs.remove("_timestamp"));
        }
        entity.set("attributes", attrs);
        return Entity.of(entity, warnings);
    }

    private Entity track(Event.Track e) {
        ObjectNode ids = CustomerIoPeople.identifiers(e);
        String token = CustomerIoDevices.token(e);
        CustomerIoDevices.Kind kind = CustomerIoDevices.kind(settings, e,
                ids == null ? null : CustomerIoPeople.value(ids), token);
        if (kind == CustomerIoDevices.Kind.EVENT) {
            return activity(e, "event");
        } else if (kind == CustomerIoDevices.Kind.MISSING_TOKEN) {
            return Entity.refused(CustomerIoDevices.missingToken());
        } else if (CustomerIoPeople.tooLong(CustomerIoPeople.value(ids))) {
            return Entity.refused(CustomerIoPeople.idTooLong("person"));
        }
        boolean add = kind == CustomerIoDevices.Kind.ADD;
        ObjectNode entity = person(add ? "add_device" : "delete_device", ids);
        entity.set("device", add ? CustomerIoDevices.device(e, "token", token) : F.objectNode().put("token", token));
        return Entity.of(entity, List.of());
    }

    /** Track, page and screen: an event on the person; without one there is no v2 entity. */
    private Entity activity(Event e, String action) {
        List<String> warnings = new ArrayList<>(0);
        String name = CustomerIoNames.of(e, warnings);
        if (name == null) {
            return Entity.refused(CustomerIoNames.missingPageName());
        }
        ObjectNode ids = CustomerIoPeople.identifiers(e);
        if (ids == null) {
            // v2 has no anonymous person: CustomerIoEntityTranslator sends these to the v1 anonymous endpoint.
            return Entity.refused(CustomerIoPeople.missingIdentity(CustomerIoPeople.V2_EVENT_NEEDS));
        }
        if (CustomerIoPeople.tooLong(CustomerIoPeople.value(ids))) {
            return Entity.refused(CustomerIoPeople.idTooLong("person"));
        }
        ObjectNode entity = person(action, ids);
        String eventId = EventIds.of(e);
        if (eventId != null) {
            // The vendor ignores a repeat with the same id: a batch re-sent after a crash or a lost response.
            entity.put("id", eventId);
        }
        entity.put("name", name);
        if (e.envelope().hasTime()) {
            entity.put("timestamp", ValueRules.unixSeconds(e.envelope().timeMillis()));
        }
        entity.set("attributes", attributes.properties(e));
        return Entity.of(entity, warnings);
    }

    private static Entity alias(Event.Alias e) {
        if (e.userId() == null) {
            return Entity.refused(CustomerIoPeople.missingIdentity(CustomerIoPeople.ALIAS_NEEDS));
        }
        ObjectNode entity = F.objectNode();
        entity.put("type", "person");
        entity.put("action", "merge");
        entity.set("primary", CustomerIoPeople.identifier(e.userId()));
        entity.set("secondary", CustomerIoPeople.identifier(e.previousId()));
        return Entity.of(entity, List.of());
    }
}
