package io.cfsync.send;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a vendor asked us to wait: {@code Retry-After} (delta seconds or HTTP date, RFC 9110 10.2.3), else
 * {@code x-ratelimit-reset} (Kustomer; its format is undocumented, so a value above 10^9 is read as epoch seconds,
 * anything else as seconds to wait). Unparseable values count as absent. Stateless.
 */
final class ServerWait {
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private ServerWait() {
    }

    /**
     * @param retryAfter the {@code Retry-After} header or null
     * @param reset      the {@code x-ratelimit-reset} header or null
     * @param nowMillis  the current wall-clock time
     * @return the wait, never negative, or null when the vendor gave none
     */
    static Duration of(String retryAfter, String reset, long nowMillis) {
        Duration d = retryAfter(retryAfter, nowMillis);
        return d != null ? d : reset(reset, nowMillis);
    }

    static Duration retryAfter(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Long seconds = seconds(v);
        if (seconds != null) {
            return Duration.ofSeconds(seconds);
        }
        try {
            long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Duration.ofMillis(Math.max(0, at - nowMillis));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Duration reset(String value, long nowMillis) {
        Long n = value == null ? null : seconds(value.trim());
        if (n == null) {
            return null;
        }
        if (n > EPOCH_THRESHOLD) {
            return Duration.ofMillis(Math.max(0, n * 1000 - nowMillis));
        }
        return Duration.ofSeconds(n);
    }

    private static Long seconds(String v) {
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
