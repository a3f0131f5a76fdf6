package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.ValueRules;
import io.cfsync.dest.Translation;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;

/** Who an event is about: the identifier rules both API versions share (reference 2.3 and 2.9). */
final class CustomerIoPeople {
    static final int MAX_ID_BYTES = 150;
    /** What each kind of call accepts as its person, for {@link #missingIdentity}. */
    static final String IDENTIFY_NEEDS = "identify needs userId (or traits.userId, traits.id) or an email "
            + "(traits.email, context.traits.email, properties.email)";
    static final String EVENT_NEEDS = "track, page and screen need userId, an email or anonymousId";
    static final String V2_EVENT_NEEDS = "v2 track, page and screen entities need userId or an email";
    static final String ALIAS_NEEDS = "alias needs userId and previousId";
    private static final JsonPath[] PERSON_ID = JsonPath.all("traits.userId", "traits.id", "context.traits.userId",
            "context.traits.id");
    private static final JsonPath[] EMAIL = JsonPath.all("traits.email", "context.traits.email", "properties.email");

    private CustomerIoPeople() {
    }

    /** userId, then the id traits, then an email; null when none. v1 puts it in the URL path. */
    static String personId(Event e) {
        String id = userKey(e);
        return id != null ? id : email(e);
    }

    /**
     * The first email found that is an address. A value that is not one names nobody: in a v1 path the vendor
     * would take it for an id, and v2 types the {@code email} identifier as an address.
     */
    private static String email(Event e) {
        for (JsonPath p : EMAIL) {
            String v = JsonPath.firstText(e.json(), p);
            if (v != null && ValueRules.looksLikeEmail(v)) {
                return v;
            }
        }
        return null;
    }

    /**
     * The v2 {@code identifiers} of a known person, or null when the event has neither an id nor an email. An id
     * (userId or an id trait) keeps the meaning it has in a v1 path: {@link #identifier} picks its kind. An email
     * found in the traits is always {@code {"email": …}}.
     */
    static ObjectNode identifiers(Event e) {
        String id = userKey(e);
        if (id != null) {
            return identifier(id);
        }
        String email = email(e);
        return email == null ? null : JsonNodeFactory.instance.objectNode().put("email", email);
    }

    /** The single identifier value in {@link #identifiers}, for the length rule. */
    static String value(ObjectNode identifiers) {
        return identifiers.elements().next().asText();
    }

    /**
     * One identifier for a value: {@code email} when it looks like an email, {@code cio_id} (prefix removed) when it
     * starts with {@code cio_}, otherwise {@code id}. Exactly one key, as merges require.
     */
    static ObjectNode identifier(String value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (ValueRules.looksLikeEmail(value)) {
            o.put("email", value);
        } else if (value.startsWith("cio_")) {
            o.put("cio_id", value.substring(4));
        } else {
            o.put("id", value);
        }
        return o;
    }

    static boolean tooLong(String id) {
        return ValueRules.utf8Length(id) > MAX_ID_BYTES;
    }

    /**
     * The dead letter of an event whose person Customer.io cannot tell: {@code missing-identity}, saying what this
     * kind of call accepts.
     *
     * @param accepts e.g. {@code identify needs userId or an email}
     */
    static Translation missingIdentity(String accepts) {
        return Translation.invalid("missing-identity", "customer.io " + accepts);
    }

    /** @param what {@code person} or {@code object} */
    static Translation idTooLong(String what) {
        return Translation.invalid("id-too-long", "customer.io " + what + " id is over 150 bytes");
    }

    private static String userKey(Event e) {
        return e.userId() != null ? e.userId() : JsonPath.firstText(e.json(), PERSON_ID);
    }
}
