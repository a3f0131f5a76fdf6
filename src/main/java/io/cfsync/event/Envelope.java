package io.cfsync.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The common part of every event, validated once by {@link EventDecoder}.
 *
 * @param json        the original event object; treat as read-only
 * @param userId      userId as a non-empty string (numbers converted), or null
 * @param anonymousId anonymousId as a non-empty string, or null
 * @param messageId   messageId when it is a non-empty string, else null
 * @param timeMillis  epoch millis of {@code timestamp}, else {@code originalTimestamp}; {@link #NO_TIME} when neither
 */
public record Envelope(ObjectNode json, String userId, String anonymousId, String messageId, long timeMillis) {
    public static final long NO_TIME = Long.MIN_VALUE;

    public boolean hasTime() {
        return timeMillis != NO_TIME;
    }

    /**
     * userId, else anonymousId, else {@link #email()}: the key that orders a user's requests. Never null for a
     * decoded event.
     */
    public String userKey() {
        return userId != null ? userId : anonymousId != null ? anonymousId : email();
    }

    /** The person's email, {@code traits.email} else {@code context.traits.email}, when a non-empty string. */
    public String email() {
        return emailOf(json);
    }

    /** {@link #email()} of an event object not decoded yet. */
    public static String emailOf(ObjectNode json) {
        for (JsonNode traits : new JsonNode[] {
                json.get("traits"), json.path("context").get("traits")}) {
            JsonNode email = traits == null ? null : traits.get("email");
            if (email != null && email.isTextual() && !email.textValue().isEmpty()) {
                return email.textValue();
            }
        }
        return null;
    }

    /**
     * Every identity the event names, {@link #userKey()} first, each once: userId, anonymousId, {@code alsoNamed}
     * (an alias's previousId; null for other events) and the email. An event naming two identities joins them, so
     * it must be ordered against the events of both. The ids share one namespace on purpose: a previousId is
     * usually an earlier anonymousId or userId, and vendors that identify people by email take a userId that is
     * an email as that email.
     */
    public List<String> identityKeys(String alsoNamed) {
        List<String> keys = new ArrayList<>(4);
        for (String k : new String[] {userId, anonymousId, alsoNamed, email()}) {
            if (k != null && !keys.contains(k)) {
                keys.add(k);
            }
        }
        return List.copyOf(keys);
    }
}
