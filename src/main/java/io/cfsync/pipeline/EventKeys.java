package io.cfsync.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cfsync.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key that says "this event was delivered": its {@code messageId}, else a SHA-256 of the canonical event
 * (keys sorted), so identical duplicate lines share a key. Thread-safe.
 */
final class EventKeys {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private EventKeys() {
    }

    public static String of(Event e) {
        return of(e.messageId(), e.json());
    }

    /** @param messageId the event's messageId, or null */
    public static String of(String messageId, JsonNode json) {
        if (messageId != null) {
            return messageId;
        }
        try {
            byte[] canonical = CANONICAL.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (java.io.IOException | NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
