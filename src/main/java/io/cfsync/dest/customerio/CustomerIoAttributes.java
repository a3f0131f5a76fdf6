package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.ValueRules;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import io.cfsync.event.Timestamps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Person attributes and event data both API versions send: the identify attributes of reference 2.4 (address
 * flattened, traits, {@code created_at}, the trait cap, {@code _timestamp}, {@code anonymous_id}) and the date
 * conversion of 2.4.4. Never changes the event.
 */
final class CustomerIoAttributes {
    static final int MAX_ATTRIBUTE_NAME_BYTES = 150;
    static final int MAX_ATTRIBUTE_VALUE_BYTES = 1000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonPath CONTEXT_TRAITS = JsonPath.of("context.traits");
    private static final JsonPath[] CREATED = JsonPath.all("traits.created_at", "traits.createdAt", "traits.created",
            "context.traits.createdAt");
    private static final String[] ADDRESS_PARTS = {"city", "country", "postalCode", "state", "street"};
    private static final Set<String> EXCLUDED_TRAITS = Set.of("address", "createdAt", "created_at", "created",
            "userId", "anonymousId");

    private final int maxTraits;
    private final boolean convertDates;

    CustomerIoAttributes(CustomerIoSettings settings) {
        this.maxTraits = settings.maxTraits();
        this.convertDates = settings.convertDates();
    }

    /** The attributes of an identify, in output order; dropped data is reported in {@code warnings}. */
    ObjectNode identify(Event.Identify e, List<String> warnings) {
        ObjectNode json = e.json();
        JsonNode traits = json.get("traits");
        if (traits == null || !traits.isObject()) {
            JsonNode ctxTraits = CONTEXT_TRAITS.get(json);
            traits = ctxTraits != null && ctxTraits.isObject() ? ctxTraits : null;
        }
        ObjectNode attrs = F.objectNode();
        if (traits != null) {
            JsonNode address = traits.get("address");
            if (address != null && address.isObject()) {
                for (String part : ADDRESS_PARTS) {
                    JsonNode v = address.get(part);
                    if (v != null && !v.isNull()) {
                        put(attrs, part, v, warnings);
                    }
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = traits.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> t = it.next();
                if (!EXCLUDED_TRAITS.contains(t.getKey())) {
                    put(attrs, t.getKey(), convert(t.getValue()), warnings);
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
                    attrs.put("created_at", ValueRules.unixSeconds(t));
                }
            }
        }
        cap(attrs, warnings);
        if (e.envelope().hasTime()) {
            attrs.put("_timestamp", ValueRules.unixSeconds(e.envelope().timeMillis()));
        }
        if (e.anonymousId() != null) {
            attrs.put("anonymous_id", e.anonymousId());
        }
        return attrs;
    }

    /** {@code properties} with dates converted, or an empty object when there are none. */
    JsonNode properties(Event e) {
        JsonNode props = e.json().get("properties");
        return props != null && props.isObject() ? convert(props) : F.objectNode();
    }

    /**
     * One trait as an attribute, unless the vendor could not take it. A JSON {@code null} is left out: neither API
     * documents what a null attribute does (removing an attribute is not described for it), so sending it could
     * blank a value nobody meant to change. An {@code email} that is not an address is left out too: the vendor
     * types it as an email and reads it as an identifier. Numbers with a fraction, objects and arrays are sent as
     * they are: the v1 schema lists string, integer and boolean only, but Customer.io's attribute docs describe
     * number values and attributes holding nested JSON, and the v2 identify schema takes any value.
     */
    private static void put(ObjectNode attrs, String key, JsonNode value, List<String> warnings) {
        if (value.isNull()) {
            warnings.add("null-attribute-dropped");
        } else if (key.equals("email") && !(value.isTextual() && ValueRules.looksLikeEmail(value.textValue()))) {
            warnings.add("invalid-email-dropped");
        } else if (ValueRules.utf8Length(key) > MAX_ATTRIBUTE_NAME_BYTES) {
            warnings.add("attribute-name-too-long");
        } else if (value.isTextual() && ValueRules.utf8Length(value.textValue()) > MAX_ATTRIBUTE_VALUE_BYTES) {
            warnings.add("attribute-value-too-long");
        } else {
            attrs.set(key, value);
        }
    }

    private void cap(ObjectNode attrs, List<String> warnings) {
        if (attrs.size() <= maxTraits) {
            return;
        }
        List<String> drop = new ArrayList<>();
        Iterator<String> names = attrs.fieldNames();
        for (int i = 0; names.hasNext(); i++) {
            String n = names.next();
            if (i >= maxTraits) {
                drop.add(n);
            }
        }
        attrs.remove(drop);
        warnings.add("trait-cap");
    }

    /** ISO-8601 date strings to unix seconds (on or after 1970), walking into objects but not arrays. */
    JsonNode convert(JsonNode v) {
        if (!convertDates) {
            return v;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.length() >= 10 && s.charAt(4) == '-') {
                long t = Timestamps.parseDateLike(s);
                if (t != Timestamps.INVALID && t >= 0) {
                    return F.numberNode(ValueRules.unixSeconds(t));
                }
            }
            return v;
        }
        if (v.isObject()) {
            ObjectNode out = null;
            Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator();
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
}
