package io.cfsync.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Instants as people read them: {@code 2026-03-05 14:02 UTC, 3 h ago}. Minutes are enough for a ledger's history,
 * and UTC keeps the text the same on every host that reads one ledger. Stateless.
 */
final class HumanTime {
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HumanTime() {
    }

    /** {@code t} with how long ago (or how far ahead) of {@code now} it is. */
    static String format(Instant t, Instant now) {
        return WALL.format(t) + ", " + relative(Duration.between(t, now));
    }

    /** As {@link #format(Instant, Instant)} for an instant as the ledger stores it; other text is shown as it is. */
    static String format(String stored, Instant now) {
        if (stored == null) {
            return "unknown";
        }
        try {
            return format(Instant.parse(stored), now);
        } catch (DateTimeParseException e) {
            return stored;
        }
    }

    /** {@code 3 h ago}, {@code in 2 min}, {@code just now}. */
    static String relative(Duration ago) {
        boolean future = ago.isNegative();
        long s = Math.abs(ago.getSeconds());
        if (s < 60) {
            return future ? "in under a minute" : "just now";
        }
        String span = s < 3600 ? s / 60 + " min" : s < 48 * 3600 ? s / 3600 + " h" : s / 86_400 + " days";
        return future ? "in " + span : span + " ago";
    }
}
