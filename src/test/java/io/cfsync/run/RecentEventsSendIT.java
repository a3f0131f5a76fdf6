package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real send to Customer.io notes the first event it sends that Customer.io may start campaigns for, and counts such
 * events by type in the summary; every event is still delivered.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecentEventsSendIT {
    @TempDir
    Path tmp;
    VendorStub vendor;

    @BeforeEach
    void start() {
        vendor = new VendorStub();
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void theFirstRecentEventIsNotedAndTheSummaryCountsThemWhileAllAreDelivered() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, List.of(
                "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"Old\",\"timestamp\":\""
                        + now.minus(200, ChronoUnit.HOURS) + "\"}",
                "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"New\",\"timestamp\":\""
                        + now.minus(2, ChronoUnit.HOURS) + "\"}",
                "{\"type\":\"identify\",\"userId\":\"u-2\",\"timestamp\":\"" + now.minus(5, ChronoUnit.HOURS)
                        + "\"}"), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=site-1",
                "--set", "apiKey=k", "--base-url", vendor.baseUrl(), "--progress", "none", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(3, vendor.seen().size(), "nothing is held back");
        int note = r.err().indexOf("cf-sync: this run sends events from the last 72 hours: Customer.io may start "
                + "campaigns for them; --until now-72h holds them back (first: " + in + ":2;");
        int summary = r.err().indexOf("cf-sync send --dest customerio:");
        assertTrue(note >= 0 && note < summary, r.err());
        assertTrue(r.err().contains("delivered:     3 events"), r.err());
        assertTrue(r.err().contains("  recent:        2 events (identify 1, track 1) are from the last 72 hours"),
                r.err());
    }
}
