package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.Hints;
import io.cfsync.dest.PathSegment;
import io.cfsync.dest.Text;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import io.cfsync.event.Timestamps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps Segment events to Customer.io Track API v1 requests. Pure and thread-safe. */
final class CustomerIoTranslator implements Translator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonPath[] PERSON_ID = JsonPath.all("traits.userId", "traits.id", "context.traits.userId",
            "context.traits.id");
    private static final JsonPath[] EMAIL = JsonPath.all("traits.email", "context.traits.email", "properties.email");
    private static final JsonPath[] CREATED = JsonPath.all("traits.created_at", "traits.createdAt", "traits.created",
            "context.traits.createdAt");
    private static final JsonPath[] PAGE_NAME = JsonPath.all("properties.name", "properties.url", "context.page.url");
    private static final JsonPath[] SCREEN_NAME = JsonPath.all("properties.name", "event");
    private static final JsonPath[] DEVICE_TOKEN = JsonPath.all("context.device.token");
    private static final JsonPath[] DEVICE_TYPE = JsonPath.all("context.device.type");
    private static final JsonPath[] OBJECT_TYPE = JsonPath.all("traits.objectTypeId");
    private static final JsonPath[] GROUP_ACTION = JsonPath.all("traits.action", "properties.action");
    private static final JsonPath[] GROUP_USER_EMAIL = JsonPath.all("context.traits.email", "properties.email");
    private static final String[] ADDRESS_PARTS = {"city", "country", "postalCode", "state", "street"};
    private static final Set<String> EXCLUDED_TRAITS = Set.of("address", "createdAt", "created_at", "created",
            "userId", "anonymousId");
    private static final Set<String> GROUP_ACTIONS = Set.of("identify", "delete", "add_relationships",
            "delete_relationships");
    private static final Set<String> IOS_FAMILY = Set.of("ios", "ipados", "watchos", "tvos");
    static final int MAX_ID_BYTES = 150;
    static final int MAX_NAME_BYTES = 100;
    static final int MAX_SCREEN_NAME_BYTES = 86;
    static final int MAX_ATTRIBUTE_NAME_BYTES = 150;
    static final int MAX_ATTRIBUTE_VALUE_BYTES = 1000;
    static final int MAX_DATA_BYTES = 100_000;

    private final CustomerIoSettings settings;

    CustomerIoTranslator(CustomerIoSettings settings) {
        this.settings = settings;
    }

    @Override
    public Translation translate(Event event, Hints hints) {
        if (event instanceof Event.Identify e) {
            return identify(e);
        } else if (event instanceof Event.Track e) {
            return track(e);
        } else if (event instanceof Event.Page e) {
            String name = e.name() != null ? e.name() : JsonPath.firstText(e.json(), PAGE_NAME);
            if (name == null) {
                return Translation.invalid("missing-page-name", "customer.io page has neither name nor url");
            }
            return activity(e, name, "page", MAX_NAME_BYTES, "", "");
        } else if (event instanceof Event.Screen e) {
            String name = e.name() != null ? e.name() : JsonPath.firstText(e.json(), SCREEN_NAME);
            if (name == null) {
                return activity(e, "Viewed Undefined Screen", "event", MAX_NAME_BYTES, "", "");
            }
            return activity(e, name, "event", MAX_SCREEN_NAME_BYTES, "Viewed ", " Screen");
        } else if (event instanceof Event.Group e) {
            return group(e);
        } else if (event instanceof Event.Alias e) {
            return alias(e);
        }
        throw new AssertionError(event);
    }

    /** Person id for paths: userId, then id traits, then email. Null when none. */
    private static String personId(Event e) {
        if (e.userId() != null) {
            return e.userId();
        }
        String id = JsonPath.firstText(e.json(), PERSON_ID);
        return id != null ? id : JsonPath.firstText(e.json(), EMAIL);
    }

    private String customerUrl(String id) {
        return settings.baseUrl() + "/api/v1/customers/" + PathSegment.encode(id);
    }

    private Translation identify(Event.Identify e) {
        String id = personId(e);
        if (id == null) {
            return Translation.invalid("missing-identifier", "customer.io identify needs userId or email");
        }
        if (Text.utf8Length(id) > MAX_ID_BYTES) {
            return Translation.invalid("id-too-long", "customer.io person id is over 150 bytes");
        }
        ObjectNode json = e.json();
        JsonNode traits = json.get("traits");
        if (traits == null || !traits.isObject()) {
            JsonNode ctxTraits = JsonPath.of("context.traits").get(json);
            traits = ctxTraits != null && ctxTraits.isObject() ? ctxTraits : null;
        }
        List<String> warnings = new ArrayList<>();
        ObjectNode attrs = F.objectNode();
        if (traits != null) {
            JsonNode address = traits.get("address");
            if (address != null && address.isObject()) {
                for (String part : ADDRESS_PARTS) {
                    JsonNode v = address.get(part);
                    if (v != null && !v.isNull()) {
                        putAttribute(attrs, part, v, warnings);
                    }
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = traits.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> t = it.next();
                if (!EXCLUDED_TRAITS.contains(t.getKey())) {
                    putAttribute(attrs, t.getKey(), convert(t.getValue()), warnings);
                }
            }
        }
        JsonNode created = JsonPath.first(json, CREATED);
        if (created != null) {
            if (created.isNumber()) {
                attrs.put("created_at", created.asLong());
            } else {
                long t = created.isTextual() ? Timestamps.parseDateLike(created.textValue()) : Timestamps.INVALID;
                if (t == Timestamps.INVALID) {
                    warnings.add("created-at-not-a-date");
                } else {
                    attrs.put("created_at", Text.unixSeconds(t));
                }
            }
        }
        capAttributes(attrs, warnings);
        if (e.envelope().hasTime()) {
            attrs.put("_timestamp", Text.unixSeconds(e.envelope().timeMillis()));
        }
        if (e.anonymousId() != null) {
            attrs.put("anonymous_id", e.anonymousId());
        }
        return new Translation.Requests(List.of(VendorRequest.json("PUT", customerUrl(id), attrs)), warnings);
    }

    private static void putAttribute(ObjectNode attrs, String key, JsonNode value, List<String> warnings) {
        if (Text.utf8Length(key) > MAX_ATTRIBUTE_NAME_BYTES) {
            warnings.add("attribute-name-too-long");
        } else if (value.isTextual() && Text.utf8Length(value.textValue()) > MAX_ATTRIBUTE_VALUE_BYTES) {
            warnings.add("attribute-value-too-long");
        } else {
            attrs.set(key, value);
        }
    }

    private void capAttributes(ObjectNode attrs, List<String> warnings) {
        if (attrs.size() <= settings.maxTraits()) {
            return;
        }
        List<String> drop = new ArrayList<>();
        Iterator<String> names = attrs.fieldNames();
        for (int i = 0; names.hasNext(); i++) {
            String n = names.next();
            if (i >= settings.maxTraits()) {
                drop.add(n);
            }
        }
        attrs.remove(drop);
        warnings.add("trait-cap");
    }

    /** ISO-8601 date strings to unix seconds (on or after 1970), walking into objects but not arrays. */
    private JsonNode convert(JsonNode v) {
        if (!settings.convertDates()) {
            return v;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.length() >= 10 && s.charAt(4) == '-') {
                long t = Timestamps.parseDateLike(s);
                if (t != Timestamps.INVALID && t >= 0) {
                    return F.numberNode(Text.unixSeconds(t));
                }
            }
            return v;
        }
        if (v.isObject()) {
            ObjectNode out = null;
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode c = convert(f.getValue());
                if (c != f.getValue() && out == null) {
                    out = ((ObjectNode) v).deepCopy();
                }
                if (out != null) {
                    out.set(f.getKey(), c);
                }
            }
            return out != null ? out : v;
        }
        return v;
    }

    private Translation track(Event.Track e) {
        String name = e.event();
        if (settings.deviceEvents()) {
            String id = personId(e);
            String token = JsonPath.firstText(e.json(), DEVICE_TOKEN);
            if (name.equals("Application Uninstalled")) {
                if (id == null || token == null) {
                    return Translation.invalid("missing-device-token",
                            "customer.io Application Uninstalled needs a person id and context.device.token");
                }
                return Translation.of(new VendorRequest("DELETE",
                        customerUrl(id) + "/devices/" + PathSegment.encode(token), Map.of(), null,
                        io.cfsync.dest.When.ALWAYS, null));
            }
            boolean adds = name.equals("Application Installed") || name.equals("Application Opened")
                    || name.equals(settings.deviceTokenEventName());
            if (adds && id != null && token != null) {
                if (Text.utf8Length(id) > MAX_ID_BYTES) {
                    return Translation.invalid("id-too-long", "customer.io person id is over 150 bytes");
                }
                return device(e, id, token);
            }
        }
        return activity(e, name, "event", MAX_NAME_BYTES, "", "");
    }

    private Translation device(Event.Track e, String id, String token) {
        ObjectNode device = F.objectNode();
        device.put("id", token);
        String type = JsonPath.firstText(e.json(), DEVICE_TYPE);
        if (type != null) {
            String t = type.toLowerCase(java.util.Locale.ROOT);
            device.put("platform", IOS_FAMILY.contains(t) ? "ios" : t);
        }
        if (e.envelope().hasTime()) {
            device.put("last_used", Text.unixSeconds(e.envelope().timeMillis()));
        }
        JsonNode props = e.json().get("properties");
        if (props != null && props.isObject()) {
            device.set("attributes", props);
        }
        ObjectNode body = F.objectNode();
        body.set("device", device);
        return Translation.of(VendorRequest.json("PUT", customerUrl(id) + "/devices", body));
    }

    /** Track, page and screen: one event on the person, or on the anonymous endpoint. */
    private Translation activity(Event e, String rawName, String type, int maxNameBytes, String prefix,
                                 String suffix) {
        List<String> warnings = new ArrayList<>(0);
        String inner = rawName;
        if (Text.utf8Length(inner) > maxNameBytes) {
            inner = Text.truncateUtf8(inner, maxNameBytes);
            warnings.add("event-name-truncated");
        }
        String name = prefix + inner + suffix;
        String id = personId(e);
        String url;
        if (id != null) {
            if (Text.utf8Length(id) > MAX_ID_BYTES) {
                return Translation.invalid("id-too-long", "customer.io person id is over 150 bytes");
            }
            url = customerUrl(id) + "/events";
        } else if (!settings.sendAnonymous()) {
            return Translation.skipped("anonymous");
        } else if (e.anonymousId() == null) {
            return Translation.invalid("missing-identifier", "customer.io needs userId, email or anonymousId");
        } else {
            url = settings.baseUrl() + "/api/v1/events";
        }
        JsonNode props = e.json().get("properties");
        JsonNode data = props != null && props.isObject() ? convert(props) : F.objectNode();
        if (tooLarge(data)) {
            return Translation.invalid("data-too-large", "customer.io event data is over 100,000 bytes");
        }
        ObjectNode body = F.objectNode();
        body.put("name", name);
        body.put("type", type);
        body.set("data", data);
        if (e.envelope().hasTime()) {
            body.put("timestamp", Text.unixSeconds(e.envelope().timeMillis()));
        }
        if (id == null) {
            body.put("anonymous_id", e.anonymousId());
        }
        return new Translation.Requests(List.of(VendorRequest.json("POST", url, body)), warnings);
    }

    /** Cheap bound first: only measure exactly when the text could exceed the vendor limit. */
    private static boolean tooLarge(JsonNode data) {
        if (roughSize(data, 0) <= MAX_DATA_BYTES / 6) {
            return false;
        }
        return data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DATA_BYTES;
    }

    private static int roughSize(JsonNode n, int acc) {
        if (acc > MAX_DATA_BYTES) {
            return acc;
        }
        if (n.isTextual()) {
            return acc + n.textValue().length() + 2;
        }
        if (n.isContainerNode()) {
            int s = acc + 2;
            Iterator<Map.Entry<String, JsonNode>> it = n.isObject() ? n.fields() : null;
            if (it != null) {
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    s = roughSize(f.getValue(), s + f.getKey().length() + 4);
                }
            } else {
                for (JsonNode c : n) {
                    s = roughSize(c, s + 1);
                }
            }
            return s;
        }
        return acc + 24;
    }

    private Translation group(Event.Group e) {
        if (Text.utf8Length(e.groupId()) > MAX_ID_BYTES) {
            return Translation.invalid("id-too-long", "customer.io object id is over 150 bytes");
        }
        ObjectNode json = e.json();
        String typeId = JsonPath.firstText(json, OBJECT_TYPE);
        String action = JsonPath.firstText(json, GROUP_ACTION);
        if (action == null || !GROUP_ACTIONS.contains(action)) {
            action = "identify";
        }
        ObjectNode attributes = F.objectNode();
        JsonNode traits = json.get("traits");
        if (traits != null && traits.isObject()) {
            attributes.setAll((ObjectNode) traits);
            attributes.remove("action");
        }
        String user = e.userId() != null ? e.userId() : JsonPath.firstText(json, GROUP_USER_EMAIL);
        ArrayNode relationships = F.arrayNode();
        if (user != null) {
            ObjectNode ids = F.objectNode();
            ids.put(Text.looksLikeEmail(user) ? "email" : "id", user);
            relationships.addObject().set("identifiers", ids);
        }
        ObjectNode body = F.objectNode();
        body.put("type", "object");
        body.put("action", action);
        ObjectNode identifiers = body.putObject("identifiers");
        identifiers.put("object_id", e.groupId());
        identifiers.put("object_type_id", typeId != null ? typeId : "1");
        body.set("attributes", attributes);
        body.set("cio_relationships", relationships);
        return Translation.of(VendorRequest.json("POST", settings.baseUrl() + "/api/v2/entity", body));
    }

    private Translation alias(Event.Alias e) {
        if (e.userId() == null) {
            return Translation.invalid("missing-user-id", "customer.io alias needs userId and previousId");
        }
        ObjectNode body = F.objectNode();
        body.set("primary", identifier(e.userId()));
        body.set("secondary", identifier(e.previousId()));
        return Translation.of(VendorRequest.json("POST", settings.baseUrl() + "/api/v1/merge_customers", body));
    }

    private static ObjectNode identifier(String value) {
        ObjectNode o = F.objectNode();
        if (Text.looksLikeEmail(value)) {
            o.put("email", value);
        } else if (value.startsWith("cio_")) {
            o.put("cio_id", value.substring(4));
        } else {
            o.put("id", value);
        }
        return o;
    }
}
