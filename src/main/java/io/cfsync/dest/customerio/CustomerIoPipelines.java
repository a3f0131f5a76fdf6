package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.JsonBytes;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import io.cfsync.event.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code api=pipelines}: every event goes to Customer.io's Data Pipelines API as the Segment-spec call it already
 * is, {@code POST {base}/v1/<type>} (identify, track, page, screen, group, alias), so Customer.io maps it with
 * its own rules. The body is the event as read, with three changes only: {@code type} in lower case; ids given as
 * numbers ({@code userId}, {@code anonymousId}, {@code groupId}, {@code previousId}) as their decimal text; and,
 * when the event has no {@code timestamp} but an {@code originalTimestamp}, that time as {@code timestamp} (else
 * a backfilled call would land at the time it is received). Every request asks for strict mode
 * ({@code X-Strict-Mode: 1}), so a call the vendor refuses answers 400 instead of a silent 200.
 *
 * <p>Identity: {@code userId} or {@code anonymousId}; an identify may name its person by {@code traits.email}
 * alone, sent with {@code "userId": ""}: the vendor's identify schema requires userId or anonymousId, and its
 * documentation lets an identify pass an empty userId and be identified by the email trait. Other calls with only
 * an email, and alias without userId, are dead-lettered ({@code missing-identity}). With {@code anonymous=skip},
 * calls with neither userId nor email are skipped ({@code anonymous}). Calls over 32,000 bytes are dead-lettered
 * ({@code entity-too-large}). Pure and thread-safe.
 */
final class CustomerIoPipelines implements Translator {
    static final Map<String, String> HEADERS;

    static {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        // Without it the API answers 200 to calls it then drops; with it, they are 400 and dead-lettered.
        h.put("X-Strict-Mode", "1");
        HEADERS = java.util.Collections.unmodifiableMap(h);
    }

    /** The calls a {@code /v1/batch} body may hold (the vendor's batch schema lists no alias). */
    static final List<String> BATCHED = List.of("identify", "track", "page", "screen", "group");

    private final CustomerIoSettings settings;

    CustomerIoPipelines(CustomerIoSettings settings) {
        this.settings = settings;
    }

    /** The single-call URL of {@code type}: one entity of a batch unless it is an alias. */
    static String url(CustomerIoSettings settings, String type) {
        return settings.baseUrl() + "/v1/" + type;
    }

    @Override
    public Translation translate(Event event, PrePassFacts facts) {
        Translation refused = identity(event);
        if (refused != null) {
            return refused;
        }
        ObjectNode call = call(event);
        int max = CustomerIoBatchContract.PIPELINES.maxEntityBytes();
        if (JsonBytes.exceeds(call, max)) {
            return Translation.invalid("entity-too-large", "customer.io pipelines call is over " + max + " bytes");
        }
        return Translation.of(new VendorRequest("POST", url(settings, event.type().wire()), HEADERS, call,
                When.ALWAYS, null));
    }

    /** Why the vendor could not tell whose call this is (or the skip of an anonymous one), else null. */
    private Translation identity(Event e) {
        if (e instanceof Event.Alias) {
            return e.userId() == null ? CustomerIoPeople.missingIdentity("pipelines alias needs userId and "
                    + "previousId") : null;
        }
        if (e.userId() == null && e.anonymousId() == null) {
            if (!(e instanceof Event.Identify)) {
                return CustomerIoPeople.missingIdentity("pipelines " + e.type().wire() + " needs userId or "
                        + "anonymousId (an email alone names a person only on identify)");
            }
            return emailTrait(e) != null ? null : CustomerIoPeople.missingIdentity("pipelines identify needs "
                    + "userId, anonymousId or traits.email (the vendor identifies a call with an empty userId by "
                    + "its email trait; context.traits is not read for that)");
        }
        if (e.userId() == null && e.envelope().email() == null && !settings.sendAnonymous()) {
            return Translation.skipped("anonymous");
        }
        return null;
    }

    private static String emailTrait(Event e) {
        JsonNode traits = e.json().get("traits");
        JsonNode email = traits == null ? null : traits.get("email");
        return email != null && email.isTextual() && !email.textValue().isBlank() ? email.textValue() : null;
    }

    private static ObjectNode call(Event e) {
        ObjectNode call = e.json().deepCopy();
        call.put("type", e.type().wire());
        if (e instanceof Event.Identify && e.userId() == null && e.anonymousId() == null) {
            // The vendor's identify schema requires userId or anonymousId; its documentation lets an identify
            // pass an empty userId and name the person by traits.email.
            call.put("userId", "");
        }
        asText(call, "userId", e.userId());
        asText(call, "anonymousId", e.anonymousId());
        if (e instanceof Event.Group g) {
            asText(call, "groupId", g.groupId());
        } else if (e instanceof Event.Alias a) {
            asText(call, "previousId", a.previousId());
        }
        JsonNode ts = call.get("timestamp");
        JsonNode original = call.get("originalTimestamp");
        if ((ts == null || ts.isNull()) && original != null && original.isTextual()) {
            call.put("timestamp", original.textValue());
        }
        return call;
    }

    /** An id given as a number becomes its decimal text, as the vendor's schema types ids as strings. */
    private static void asText(ObjectNode call, String field, String text) {
        JsonNode v = call.get(field);
        if (v != null && v.isNumber() && text != null) {
            call.put(field, text);
        }
    }
}
