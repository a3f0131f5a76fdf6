package io.cfsync.send;

import io.cfsync.send.rate.RateHeaders;
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
        Long seconds = RateHeaders.seconds(v);
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
        return RateHeaders.reset(value, nowMillis);
    }
}
