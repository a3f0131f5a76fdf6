package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.FieldTable;
import io.cfsync.dest.PathSegment;
import io.cfsync.dest.Translation;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * identify → find the customer (by externalId, then by email), then update the one found or create one. Only
 * Kustomer's standard customer attributes are sent; custom traits are dropped. Pure and thread-safe.
 */
final class CustomerPlan {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final JsonPath[] EMAIL = JsonPath.all("traits.email", "context.traits.email", "properties.email");
    private static final JsonPath[] NAME = traits("name");
    private static final JsonPath[] FIRST_NAME = traits("firstName", "firstname", "first_name");
    private static final JsonPath[] LAST_NAME = traits("lastName", "lastname", "last_name");
    private static final JsonPath[] EXTERNAL_IDS = JsonPath.all("context.externalId");
    private static final JsonPath[] CUSTOM = traits("customObject");
    private static final String[] ADDRESS_PARTS = {"street", "city", "state", "postalCode", "country"};

    /** Every standard attribute after name and externalId, in the order Kustomer's docs list them. */
    private static final FieldTable ATTRIBUTES = FieldTable.builder()
            .field("username", traitPaths("username", "userName"))
            .field("company", CustomerPlan::text, traitPaths("company.name", "company"))
            .field("signedUpAt", traitPaths("createdAt"))
            .field("lastActivityAt", traitPaths("lastActivityAt"))
            .field("lastCustomerActivityAt", traitPaths("lastCustomerActivityAt"))
            .field("lastSeenAt", traitPaths("lastSeenAt"))
            .field("importedAt", traitPaths("importedAt"))
            .field("avatarUrl", traitPaths("avatar"))
            .field("gender", CustomerPlan::gender, traitPaths("gender"))
            .field("tags", v -> v.isArray() ? v : null, traitPaths("tags"))
            .field("locale", "context.locale")
            .field("emails", v -> listOr(v, "email"), "traits.emails", "context.traits.emails", "traits.email",
                    "context.traits.email", "properties.email")
            .field("phones", v -> listOr(v, "phone"), "traits.phones", "context.traits.phones", "traits.phone",
                    "context.traits.phone", "properties.phone")
            .field("socials", traitPaths("socials"))
            .field("birthdayAt", traitPaths("dob", "birthday"))
            .field("urls", CustomerPlan::url, "traits.website", "context.traits.website", "properties.website")
            .field("locations", CustomerPlan::location, traitPaths("address"))
            .field("sentiment", traitPaths("sentiment"))
            .field("whatsapps", traitPaths("whatsapps"))
            .field("facebookIds", traitPaths("facebookIds"))
            .field("instagramIds", traitPaths("instagramIds"))
            .field("timeZone", traitPaths("timeZone"))
            .field("rev", traitPaths("rev"))
            .field("defaultLang", traitPaths("defaultLanguage"))
            .build();

    private final String baseUrl;
    private final boolean mapCustomObject;

    CustomerPlan(String baseUrl, boolean mapCustomObject) {
        this.baseUrl = baseUrl;
        this.mapCustomObject = mapCustomObject;
    }

    /** The lookups and both conditional writes; {@code link} (may be null) runs last, whatever was found. */
    Translation plan(Event.Identify e, VendorRequest link) {
        List<String> warnings = new ArrayList<>(0);
        ObjectNode body = body(e, warnings);
        List<VendorRequest> steps = new ArrayList<>(5);
        if (body.size() > 1) {
            String kustomerId = kustomerId(e.json());
            if (kustomerId != null) {
                steps.add(VendorRequest.json("PUT", update(PathSegment.encode(kustomerId)), body));
            } else {
                steps.add(lookup("externalId", e.userId()));
                String email = JsonPath.firstText(e.json(), EMAIL);
                if (email != null) {
                    steps.add(lookup("email", email));
                }
                steps.add(VendorRequest.json("PUT", update(When.FOUND_ID), body).withWhen(When.IF_FOUND, null));
                steps.add(VendorRequest.json("POST", baseUrl + "/v1/customers", body)
                        .withWhen(When.IF_NOT_FOUND, null));
            }
        }
        if (link != null) {
            steps.add(link);
        }
        if (steps.isEmpty()) {
            return Translation.skipped("no-standard-traits");
        }
        return new Translation.Requests(steps, warnings);
    }

    private VendorRequest lookup(String field, String value) {
        return VendorRequest.json("GET", baseUrl + "/v1/customers/" + field + "=" + PathSegment.encode(value), null)
                .withWhen(When.LOOKUP, "/data/id");
    }

    private String update(String encodedId) {
        return baseUrl + "/v1/customers/" + encodedId + "?replace=false";
    }

    ObjectNode body(Event.Identify e, List<String> warnings) {
        ObjectNode json = e.json();
        ObjectNode body = F.objectNode();
        JsonNode name = JsonPath.first(json, NAME);
        if (name != null) {
            body.set("name", name);
        } else {
            String first = JsonPath.firstText(json, FIRST_NAME);
            String last = JsonPath.firstText(json, LAST_NAME);
            if (first != null && last != null) {
                body.put("name", first + " " + last);
            }
        }
        body.put("externalId", e.userId());
        ATTRIBUTES.apply(json, body);
        // Only a transform can turn a present value into nothing (a nameless company object, gender "other").
        for (FieldTable.Field f : ATTRIBUTES.fields()) {
            if (f.transform() != null && !body.has(f.target()) && JsonPath.first(json, f.sources()) != null) {
                warnings.add("dropped-" + f.target());
            }
        }
        JsonNode custom = mapCustomObject ? JsonPath.first(json, CUSTOM) : null;
        if (custom != null) {
            body.set("custom", custom);
        }
        return body;
    }

    /** The id of the {@code context.externalId[]} entry of type {@code kustomerId}, or null. */
    private static String kustomerId(JsonNode json) {
        JsonNode ids = JsonPath.first(json, EXTERNAL_IDS);
        if (ids == null || !ids.isArray()) {
            return null;
        }
        for (JsonNode id : ids) {
            JsonNode type = id.get("type");
            JsonNode value = id.get("id");
            if (type != null && "kustomerId".equals(type.asText()) && JsonPath.present(value)
                    && value.isValueNode()) {
                return value.asText();
            }
        }
        return null;
    }

    private static JsonNode text(JsonNode v) {
        return v.isTextual() ? v : null;
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
