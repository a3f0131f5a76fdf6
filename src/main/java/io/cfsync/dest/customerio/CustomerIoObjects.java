package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.ValueRules;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.util.Set;

/**
 * A group as a v2 object entity with a relationship to the user (reference 2.8). Both API versions send exactly
 * this entity: v1 posts it alone to {@code /api/v2/entity} as well.
 */
final class CustomerIoObjects {
    private static final JsonPath[] OBJECT_TYPE = JsonPath.all("traits.objectTypeId");
    private static final JsonPath[] GROUP_ACTION = JsonPath.all("traits.action", "properties.action");
    private static final JsonPath[] GROUP_USER_EMAIL = JsonPath.all("context.traits.email", "properties.email");
    private static final Set<String> GROUP_ACTIONS = Set.of("identify", "delete", "add_relationships",
            "delete_relationships");

    private CustomerIoObjects() {
    }

    /**
     * {@code type, action, identifiers{object_id, object_type_id}, attributes, cio_relationships}. The caller checks
     * the object id length.
     */
    static ObjectNode entity(Event.Group e) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = e.json();
        String typeId = JsonPath.firstText(json, OBJECT_TYPE);
        String action = JsonPath.firstText(json, GROUP_ACTION);
        if (action == null || !GROUP_ACTIONS.contains(action)) {
            action = "identify";
        }
        ObjectNode attributes = f.objectNode();
        JsonNode traits = json.get("traits");
        if (traits != null && traits.isObject()) {
            attributes.setAll((ObjectNode) traits);
            attributes.remove("action");
        }
        String user = e.userId() != null ? e.userId() : JsonPath.firstText(json, GROUP_USER_EMAIL);
        ArrayNode relationships = f.arrayNode();
        if (user != null) {
            ObjectNode ids = f.objectNode();
            ids.put(ValueRules.looksLikeEmail(user) ? "email" : "id", user);
            relationships.addObject().set("identifiers", ids);
        }
        ObjectNode body = f.objectNode();
        body.put("type", "object");
        body.put("action", action);
        ObjectNode identifiers = body.putObject("identifiers");
        identifiers.put("object_id", e.groupId());
        identifiers.put("object_type_id", typeId != null ? typeId : "1");
        body.set("attributes", attributes);
        body.set("cio_relationships", relationships);
        return body;
    }
}
