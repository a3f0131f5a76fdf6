package io.cfsync.send.rate;

import java.time.Duration;

/**
 * Reads the numbers of a vendor's rate headers: {@code x-ratelimit-reset} (Kustomer; its format is undocumented, so
 * a value above 10^9 is read as epoch seconds, anything else as seconds to wait) and plain counts. Unparseable
 * values count as absent. Stateless.
 */
public final class RateHeaders {
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private RateHeaders() {
    }

    /**
     * @param value     the {@code x-ratelimit-reset} header or null
     * @param nowMillis the current wall-clock time
     * @return the time until the reset, never negative, or null when the header is absent or unreadable
     */
    public static Duration reset(String value, long nowMillis) {
        Long n = value == null ? null : seconds(value.trim());
        if (n == null) {
            return null;
        }
        if (n > EPOCH_THRESHOLD) {
            return Duration.ofMillis(Math.max(0, n * 1000 - nowMillis));
        }
        return Duration.ofSeconds(n);
    }

    /** A count of at most 12 digits and nothing else (already trimmed), or null. */
    public static Long seconds(String v) {
        if (v.isEmpty() || v.length() > 12) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(v);
    }
}
