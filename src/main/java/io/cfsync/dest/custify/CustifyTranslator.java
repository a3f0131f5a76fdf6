package io.cfsync.dest.custify;

import static io.cfsync.dest.custify.CustifyFields.COMPANY;
import static io.cfsync.dest.custify.CustifyFields.CONTEXT_COMPANY;
import static io.cfsync.dest.custify.CustifyFields.EVENT;
import static io.cfsync.dest.custify.CustifyFields.GROUP_PERSON;
import static io.cfsync.dest.custify.CustifyFields.IDENTIFY;
import static io.cfsync.dest.custify.CustifyFields.RESERVED_COMPANY;
import static io.cfsync.dest.custify.CustifyFields.RESERVED_PERSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import io.cfsync.event.Problem;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps Segment events to Custify people, company and event upserts. Pure and thread-safe. */
final class CustifyTranslator implements Translator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("Content-Type", "application/json");
        HEADERS.put("Accept", "application/json");
    }

    private final CustifySettings settings;

    CustifyTranslator(CustifySettings settings) {
        this.settings = settings;
    }

    @Override
    public Translation translate(Event event, PrePassFacts facts) {
        if (event instanceof Event.Identify e) {
            return identify(e);
        } else if (event instanceof Event.Track e) {
            return track(e);
        } else if (event instanceof Event.Group e) {
            return group(e);
        }
        return Translation.skipped("unsupported-by-destination");
    }

    private Translation identify(Event.Identify e) {
        ObjectNode body = person(e, IDENTIFY);
        Problem missing = IDENTIFY.fields().missing(body);
        if (missing != null) {
            return new Translation.Invalid(missing);
        }
        JsonNode traits = JsonPath.first(e.json(), IDENTIFY.attributes());
        JsonNode company = traits != null ? traits.get("company") : null;
        String cid = company != null ? idText(company.get("id")) : null;
        if (cid == null) {
            cid = idText(e.json().get("groupId"));
        }
        if (cid != null) {
            JsonNode remove = company != null ? company.get("remove") : null;
            body.set("companies", companies(cid, JsonPath.present(remove) ? remove : F.booleanNode(false)));
        }
        return Translation.of(post("/people", body));
    }

    private Translation track(Event.Track e) {
        ObjectNode body = F.objectNode();
        String userId = userId(e, IDENTIFY.userIds());
        if (userId != null) {
            body.put("user_id", userId);
        }
        EVENT.apply(e.json(), body);
        Problem missing = EVENT.missing(body);
        if (missing != null) {
            return new Translation.Invalid(missing);
        }
        if (settings.dedup()) {
            JsonNode d = settings.dedupField() != null ? JsonPath.first(e.json(), settings.dedupField()) : null;
            String id = d != null && d.isValueNode() ? d.asText() : e.messageId();
            if (id != null) {
                body.put("deduplication_id", id);
            }
        }
        ObjectNode metadata = body.putObject("metadata");
        JsonNode props = e.json().get("properties");
        if (props != null && props.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode v = p.getValue();
                if (JsonPath.present(v) && (v.isTextual() || v.isNumber() || v.isBoolean())) {
                    metadata.set(p.getKey(), v);
                }
            }
        }
        if (userId != null && !metadata.has("user_id") && !metadata.has("userId")) {
            metadata.put("user_id", userId);
        }
        return Translation.of(post("/event", body));
    }

    private Translation group(Event.Group e) {
        ObjectNode company = F.objectNode();
        company.put("company_id", e.groupId());
        COMPANY.apply(e.json(), company);
        ObjectNode attributes = customAttributes(e.json().get("traits"), RESERVED_COMPANY);
        if (attributes != null) {
            company.set("custom_attributes", attributes);
        }
        VendorRequest companyRequest = post("/company", company);
        ObjectNode person = person(e, GROUP_PERSON);
        if (!person.has("user_id") && !person.has("email")) {
            return new Translation.Requests(List.of(companyRequest), List.of("group-without-user"));
        }
        JsonNode linked = CONTEXT_COMPANY.get(e.json());
        JsonNode remove = F.booleanNode(false);
        if (linked != null && linked.isObject() && e.groupId().equals(idText(linked.get("id")))
                && JsonPath.present(linked.get("remove"))) {
            remove = linked.get("remove");
        }
        person.set("companies", companies(e.groupId(), remove));
        return Translation.of(companyRequest, post("/people", person));
    }

    /** The person fields in Custify's order, without {@code companies}. */
    private ObjectNode person(Event e, CustifyFields.PersonSpec spec) {
        ObjectNode body = F.objectNode();
        String userId = userId(e, spec.userIds());
        if (userId != null) {
            body.put("user_id", userId);
        }
        spec.fields().apply(e.json(), body);
        ObjectNode attributes = customAttributes(JsonPath.first(e.json(), spec.attributes()), RESERVED_PERSON);
        if (attributes != null) {
            body.set("custom_attributes", attributes);
        }
        JsonNode name = JsonPath.first(e.json(), spec.name());
        if (name == null) {
            String first = JsonPath.firstText(e.json(), spec.first());
            String last = JsonPath.firstText(e.json(), spec.last());
            String joined = first != null && last != null ? first + " " + last : first != null ? first : last;
            name = joined != null ? F.textNode(joined) : null;
        }
        if (name != null) {
            body.set("name", name);
        }
        return body;
    }

    /** userId, then the id traits (strings or numbers), then anonymousId when the fallback is on. */
    private String userId(Event e, JsonPath[] traitPaths) {
        if (e.userId() != null) {
            return e.userId();
        }
        for (JsonPath p : traitPaths) {
            String id = idText(p.get(e.json()));
            if (id != null) {
                return id;
            }
        }
        return settings.fallbackToAnonymousId() ? e.anonymousId() : null;
    }

    /** A copy of the traits without reserved keys and without objects, arrays and nulls; null when empty. */
    private static ObjectNode customAttributes(JsonNode traits, Set<String> reserved) {
        if (traits == null || !traits.isObject()) {
            return null;
        }
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = traits.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            JsonNode v = t.getValue();
            if (!reserved.contains(t.getKey()) && !v.isContainerNode() && !v.isNull()) {
                out.set(t.getKey(), v);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static ArrayNode companies(String companyId, JsonNode remove) {
        ArrayNode list = F.arrayNode();
        ObjectNode link = list.addObject();
        link.put("company_id", companyId);
        link.set("remove", remove);
        return list;
    }

    /** An id as text: strings as they are, numbers in decimal; null for absent values and other types. */
    static String idText(JsonNode n) {
        if (!JsonPath.present(n)) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        return n.isNumber() ? n.decimalValue().stripTrailingZeros().toPlainString() : null;
    }

    private VendorRequest post(String path, ObjectNode body) {
        return new VendorRequest("POST", settings.baseUrl() + path, HEADERS, body, When.ALWAYS, null);
    }
}
