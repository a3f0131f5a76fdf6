package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Customer.io starts campaigns for events from the last 72 hours: a run to it says how many of the events it sends
 * are that recent, by type, once as a note and in the summary, and {@code --until now-72h} holds them back. Other
 * destinations say nothing. Nothing is blocked.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecentEventsTest {
    /** Two recent tracks, one recent identify, an old track and one without a time. Hours apart from the edge. */
    private static byte[] input() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String recent = now.minus(1, ChronoUnit.HOURS).toString();
        String edge = now.minus(70, ChronoUnit.HOURS).toString();
        String old = now.minus(100, ChronoUnit.HOURS).toString();
        return ("{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"" + old + "\"}\n"
                + "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"" + recent + "\"}\n"
                + "{\"type\":\"identify\",\"userId\":\"u-2\",\"originalTimestamp\":\"" + edge + "\"}\n"
                + "{\"type\":\"track\",\"userId\":\"u-3\",\"event\":\"E\"}\n"
                + "{\"type\":\"track\",\"userId\":\"u-2\",\"event\":\"E\",\"timestamp\":\"" + edge + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Cli.Result dryRun(String dest, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("send", "--dest", dest, "--dry-run"));
        args.addAll(List.of(more));
        args.add("-");
        return Cli.run(input(), Map.of(), args.toArray(String[]::new));
    }

    @Test
    void theSummaryCountsTheRecentEventsByTypeAndTheFirstIsNoted() {
        Cli.Result r = dryRun("customerio");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("  recent:        3 events (identify 1, track 2) are from the last 72 hours: "
                + "Customer.io may start campaigns for them; --until now-72h holds them back"), r.err());
        assertTrue(r.err().contains("cf-sync: this run sends events from the last 72 hours: Customer.io may start "
                + "campaigns for them; --until now-72h holds them back (first: -:2; the summary counts them)"),
                r.err());
        assertEquals(1, r.err().split("this run sends events from the last", -1).length - 1, "noted once");
        assertTrue(r.err().contains("mapped:        5 events"), "nothing is held back: " + r.err());
        Cli.Result other = dryRun("custify"); // which refuses the event without a time: exit 1
        assertFalse(other.err().contains("recent:") || other.err().contains("campaigns"), other.err());
    }

    @Test
    void theWindowIsJudgedAgainstTheRunsStartIncludingItsEdge() throws Exception {
        long start = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();
        io.cfsync.report.RunStats stats = new io.cfsync.report.RunStats();
        List<String> notes = new java.util.ArrayList<>();
        RecentEvents r = RecentEvents.of("Customer.io", java.time.Duration.ofHours(72), start, stats, notes::add);
        long h72 = 72 * 3_600_000L;
        r.sending(track(start - h72 - 1), new io.cfsync.input.SourceRef("a", 1));
        assertEquals(0, stats.recent.total(), "more than 72 hours ago");
        r.sending(track(start - h72), new io.cfsync.input.SourceRef("a", 2));
        r.sending(track(start + 60_000), new io.cfsync.input.SourceRef("a", 3));
        assertEquals(2, stats.recent.get("track"), "72 hours ago exactly, and ahead of the clock");
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("(first: a:2;"), notes.get(0));
        assertEquals(null, RecentEvents.of("Custify", null, start, stats, notes::add));
    }

    private static io.cfsync.event.Event track(long millis) throws Exception {
        String json = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\""
                + Instant.ofEpochMilli(millis) + "\"}";
        return ((io.cfsync.event.Decoded.Ok) new io.cfsync.event.EventDecoder()
                .decode(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json))).event();
    }

    @Test
    void theReportCountsThemByType(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path report = tmp.resolve("report.json");
        Cli.Result r = dryRun("customerio", "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        com.fasterxml.jackson.databind.JsonNode recent = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.toFile()).path("recentEvents");
        assertEquals(2, recent.path("track").asLong(), recent.toString());
        assertEquals(1, recent.path("identify").asLong(), recent.toString());
    }

    @Test
    void untilNowMinus72hHoldsThemBack() {
        Cli.Result r = dryRun("customerio", "--until", "now-72h");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("recent:"), r.err());
        assertFalse(r.err().contains("last 72 hours"), r.err());
        assertTrue(r.err().contains("mapped:        2 events"), r.err());
    }
}
