package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.FieldTable;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The customer body of an identify: Kustomer's standard attributes only, custom traits dropped. Each attribute
 * reads {@code traits}, then {@code context.traits}. Pure and thread-safe.
 */
final class CustomerAttributes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final JsonPath[] EMAIL = JsonPath.all("traits.email", "context.traits.email", "properties.email");
    private static final JsonPath[] NAME = traits("name");
    private static final JsonPath[] FIRST_NAME = traits("firstName", "firstname", "first_name");
    private static final JsonPath[] LAST_NAME = traits("lastName", "lastname", "last_name");
    private static final JsonPath[] CUSTOM = traits("customObject");
    private static final String[] ADDRESS_PARTS = {"street", "city", "state", "postalCode", "country"};

    /** Every standard attribute after name and externalId; this order is the body's key order. */
    private static final FieldTable ATTRIBUTES = FieldTable.builder()
            .field("username", traitPaths("username", "userName"))
            .field("company", CustomerAttributes::text, traitPaths("company.name", "company"))
            .field("signedUpAt", traitPaths("createdAt"))
            .field("lastActivityAt", traitPaths("lastActivityAt"))
            .field("lastCustomerActivityAt", traitPaths("lastCustomerActivityAt"))
            .field("lastSeenAt", traitPaths("lastSeenAt"))
            .field("importedAt", traitPaths("importedAt"))
            .field("avatarUrl", traitPaths("avatar"))
            .field("gender", CustomerAttributes::gender, traitPaths("gender"))
            .field("tags", v -> v.isArray() ? v : null, traitPaths("tags"))
            .field("locale", "context.locale")
            .field("emails", v -> listOr(v, "email"), "traits.emails", "context.traits.emails", "traits.email",
                    "context.traits.email", "properties.email")
            .field("phones", v -> listOr(v, "phone"), "traits.phones", "context.traits.phones", "traits.phone",
                    "context.traits.phone", "properties.phone")
            .field("socials", traitPaths("socials"))
            .field("birthdayAt", traitPaths("dob", "birthday"))
            .field("urls", CustomerAttributes::url, "traits.website", "context.traits.website", "properties.website")
            .field("locations", CustomerAttributes::location, traitPaths("address"))
            .field("sentiment", traitPaths("sentiment"))
            .field("whatsapps", traitPaths("whatsapps"))
            .field("facebookIds", traitPaths("facebookIds"))
            .field("instagramIds", traitPaths("instagramIds"))
            .field("timeZone", traitPaths("timeZone"))
            .field("rev", traitPaths("rev"))
            .field("defaultLang", traitPaths("defaultLanguage"))
            .build();
    /** The groups of source paths {@link #body} reads, by index: the name's, the custom object's, then the table's. */
    private static final int NAME_SOURCES = 0;
    private static final int FIRST_NAME_SOURCES = 1;
    private static final int LAST_NAME_SOURCES = 2;
    private static final int CUSTOM_SOURCES = 3;
    private static final int TABLE_SOURCES = 4;
    private static final ParentPaths SOURCES = new ParentPaths(sourceGroups());

    private final boolean mapCustomObject;

    CustomerAttributes(boolean mapCustomObject) {
        this.mapCustomObject = mapCustomObject;
    }

    /** The body, keys in a fixed order; values Kustomer cannot take are left out with a warning. */
    ObjectNode body(Event.Identify e, List<String> warnings) {
        JsonNode[] from = SOURCES.resolve(e.json());
        ObjectNode body = F.objectNode();
        JsonNode name = SOURCES.first(from, NAME_SOURCES);
        if (name != null) {
            body.set("name", name);
        } else {
            String first = asText(SOURCES.first(from, FIRST_NAME_SOURCES));
            String last = asText(SOURCES.first(from, LAST_NAME_SOURCES));
            if (first != null && last != null) {
                body.put("name", first + " " + last);
            }
        }
        body.put("externalId", e.userId());
        // The table applied field by field, as FieldTable.apply does, so that each source is looked up once.
        List<FieldTable.Field> fields = ATTRIBUTES.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldTable.Field f = fields.get(i);
            JsonNode v = SOURCES.first(from, TABLE_SOURCES + i);
            if (v != null && f.transform() != null) {
                v = f.transform().apply(v);
                if (v == null) {
                    // Only a transform can turn a present value into nothing (a nameless company, gender "other").
                    warnings.add("dropped-" + f.target());
                }
            }
            if (v != null) {
                body.set(f.target(), v);
            }
        }
        JsonNode custom = mapCustomObject ? SOURCES.first(from, CUSTOM_SOURCES) : null;
        if (custom != null) {
            body.set("custom", custom);
        }
        return body;
    }

    private static JsonNode text(JsonNode v) {
        return v.isTextual() ? v : null;
    }

    private static List<JsonPath[]> sourceGroups() {
        List<JsonPath[]> groups = new ArrayList<>(List.of(NAME, FIRST_NAME, LAST_NAME, CUSTOM));
        ATTRIBUTES.fields().forEach(f -> groups.add(f.sources()));
        return groups;
    }

    /** A found value as {@link JsonPath#firstText} gives it: a value node's text, else null. */
    private static String asText(JsonNode found) {
        return found != null && found.isValueNode() ? found.asText() : null;
    }

    private static JsonNode gender(JsonNode v) {
        String g = v.isTextual() ? v.textValue().trim().toLowerCase(Locale.ROOT) : "";
        if (g.equals("m") || g.equals("male")) {
            return F.textNode("m");
        }
        return g.equals("f") || g.equals("female") ? F.textNode("f") : null;
    }

    /** An array as given; a single value as {@code [{"type":"home", field: value}]}. */
    private static JsonNode listOr(JsonNode v, String field) {
        if (v.isArray()) {
            return v;
        }
        if (!v.isValueNode()) {
            return null;
        }
        ArrayNode list = F.arrayNode();
        list.addObject().put("type", "home").put(field, v.asText());
        return list;
    }

    private static JsonNode url(JsonNode v) {
        if (!v.isValueNode()) {
            return null;
        }
        ArrayNode list = F.arrayNode();
        list.addObject().put("url", v.asText());
        return list;
    }

    /** A string address as it is; an object's present parts joined with single spaces. */
    private static JsonNode location(JsonNode v) {
        String address = null;
        if (v.isTextual()) {
            address = v.textValue();
        } else if (v.isObject()) {
            StringBuilder sb = new StringBuilder();
            for (String part : ADDRESS_PARTS) {
                JsonNode p = v.get(part);
                if (JsonPath.present(p) && p.isValueNode()) {
                    sb.append(sb.length() > 0 ? " " : "").append(p.asText());
                }
            }
            address = sb.length() > 0 ? sb.toString() : null;
        }
        if (address == null) {
            return null;
        }
        ArrayNode list = F.arrayNode();
        list.addObject().put("type", "home").put("address", address);
        return list;
    }

    /** {@code traits.<k>} for each key, then {@code context.traits.<k>} for each key. */
    private static String[] traitPaths(String... keys) {
        String[] out = new String[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            out[i] = "traits." + keys[i];
            out[keys.length + i] = "context.traits." + keys[i];
        }
        return out;
    }

    private static JsonPath[] traits(String... keys) {
        return JsonPath.all(traitPaths(keys));
    }
}
