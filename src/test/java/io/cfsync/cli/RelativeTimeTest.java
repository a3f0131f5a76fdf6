package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.pipeline.EventFilter;
import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --since}/{@code --until} take times relative to the run's start ({@code now-72h}), resolved once so that a
 * long run keeps one window; a malformed one is a usage error that says what was probably meant.
 */
@Timeout(30)
class RelativeTimeTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static FilterMixin mixin(String since, String until, Clock clock) {
        FilterMixin m = new FilterMixin();
        m.since = since;
        m.until = until;
        m.clock = clock;
        return m;
    }

    @Test
    void everyUnitIsResolvedAgainstTheRunsStart() {
        Clock fixed = Clock.fixed(NOW, ZoneOffset.UTC);
        long now = NOW.toEpochMilli();
        assertEquals(now - Duration.ofDays(7).toMillis(), mixin("now-7d", null, fixed).filter().sinceMillis());
        assertEquals(now - Duration.ofHours(72).toMillis(), mixin(null, "now-72h", fixed).filter().untilMillis());
        assertEquals(now - Duration.ofMinutes(90).toMillis(), mixin("now-90m", null, fixed).filter().sinceMillis());
        assertEquals(now - 30_000, mixin("now-30s", null, fixed).filter().sinceMillis());
        assertEquals(now, mixin(null, " NOW ", fixed).filter().untilMillis());
        EventFilter iso = mixin("2024-03-01", null, fixed).filter();
        assertEquals(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli(), iso.sinceMillis(), "ISO still works");
    }

    @Test
    void theWindowIsFixedOnceThoughTheClockMoves() {
        AtomicLong millis = new AtomicLong(NOW.toEpochMilli());
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.getAndAdd(3_600_000));
            }
        };
        FilterMixin m = mixin("now-7d", "now", ticking);
        EventFilter first = m.filter();
        EventFilter again = m.filter();
        assertEquals(first.sinceMillis(), again.sinceMillis());
        assertEquals(first.untilMillis(), again.untilMillis());
        assertEquals(Duration.ofDays(7).toMillis(), first.untilMillis() - first.sinceMillis());
    }

    private static Cli.Result dryRun(String option, String value) {
        return Cli.run("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}\n".getBytes(StandardCharsets.UTF_8),
                Map.of(), "send", "--dest", "customerio", "--dry-run", option, value, "-");
    }

    @Test
    void aMalformedRelativeTimeIsAUsageErrorSayingWhatWasMeant() {
        String[][] cases = {
                {"--until", "now-72", "--until 'now-72' is not a time relative to now", "did you mean 'now-72h'?"},
                {"--since", "now-7days", "--since 'now-7days' is not a time relative to now", "did you mean 'now-7d'?"},
                {"--until", "nwo-72h", "--until 'nwo-72h' is not a time relative to now", "did you mean 'now-72h'?"},
                {"--since", "now-2w", "use now, or now-N with a unit of s, m, h or d", "(now-72h, now-7d)"},
                {"--since", "yesterday", "--since 'yesterday' is not a time relative to now", "now-N"},
        };
        for (String[] c : cases) {
            Cli.Result r = dryRun(c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.exit(), r.err());
            assertEquals("", r.out());
            assertTrue(r.err().contains(c[2]) && r.err().contains(c[3]), c[1] + ": " + r.err());
        }
    }

    @Test
    void untilNowKeepsAPastEvent() {
        Cli.Result r = Cli.run(("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":"
                + "\"2024-03-01T00:00:00Z\"}\n").getBytes(StandardCharsets.UTF_8), Map.of(), "send", "--dest",
                "customerio", "--dry-run", "--since", "now-36500d", "--until", "now", "-");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("mapped:        1 event"), r.err());
    }
}
