package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Customer.io track-v2 drops attribute updates older than the person's last change while answering 200: a run
 * that sends identify calls older than 72 hours says so once, and counts them in the summary. The translator
 * stays pure (the dry-run output does not depend on the clock); the age is judged against the run's start.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OldIdentifyWarningTest {
    /** Two old identifies, one recent, one without a time, and an old track (which the warning is not about). */
    private static byte[] input() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String old = now.minus(100, ChronoUnit.HOURS).toString();
        String recent = now.minus(1, ChronoUnit.HOURS).toString();
        return ("{\"type\":\"identify\",\"userId\":\"u-1\",\"timestamp\":\"" + old + "\",\"traits\":{\"a\":1}}\n"
                + "{\"type\":\"identify\",\"userId\":\"u-2\",\"timestamp\":\"" + recent + "\",\"traits\":{\"a\":2}}\n"
                + "{\"type\":\"identify\",\"userId\":\"u-3\",\"traits\":{\"a\":3}}\n"
                + "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"" + old + "\"}\n"
                + "{\"type\":\"identify\",\"userId\":\"u-4\",\"originalTimestamp\":\"" + old + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Cli.Result dryRun(byte[] in, String api) {
        return Cli.run(in, Map.of(), "send", "--dest", "customerio", "--dry-run", "--set", "api=" + api, "-");
    }

    @Test
    void trackV2WarnsOnceAndCountsTheOldIdentifiesInTheSummary() {
        byte[] in = input();
        Cli.Result r = dryRun(in, "track-v2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warnings:      identify-older-than-72h 2"), r.err());
        int first = r.err().indexOf("identify calls older than 72 hours");
        assertTrue(first >= 0, r.err());
        assertEquals(-1, r.err().indexOf("identify calls older than 72 hours", first + 1), "said once: " + r.err());
        assertTrue(r.err().contains("(first: -:1;"), r.err());
        assertEquals(r.out(), dryRun(in, "track-v2").out(), "the dry-run output does not depend on the clock");
    }

    @Test
    void theOtherApisDoNotWarn() {
        for (String api : new String[] {"track", "pipelines"}) {
            Cli.Result r = dryRun(input(), api);
            assertEquals(0, r.exit(), r.err());
            assertFalse(r.err().contains("identify-older-than-72h"), api + ": " + r.err());
        }
    }
}
