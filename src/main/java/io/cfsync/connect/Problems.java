package io.cfsync.connect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The mistakes of one configuration, each beside its key in the order found; a key keeps its first message, so a
 * value already found wrong is not blamed again by a later check across keys. Not thread-safe.
 */
final class Problems {
    private final Map<String, String> byKey = new LinkedHashMap<>();

    /** The value, or null with the check's message noted beside {@code key}. */
    <T> T attempt(String key, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            note(key, e.getMessage());
            return null;
        }
    }

    void note(String key, String message) {
        byKey.putIfAbsent(key, message);
    }

    /** As {@link #note}, replacing what was noted beside {@code key} before. */
    void put(String key, String message) {
        byKey.put(key, message);
    }

    int size() {
        return byKey.size();
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    Map<String, String> asMap() {
        return byKey;
    }
}
