package io.cfsync.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /** userId, else anonymousId: the key that orders a user's requests. Never null for a decoded event. */
    public String userKey() {
        return userId != null ? userId : anonymousId;
    }
}
