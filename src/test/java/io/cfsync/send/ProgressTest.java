package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.report.RunStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The progress display, driven by hand: the terminal check is injected, time comes from a clock the test moves,
 * and lines are drawn when the test ticks, never by a timer.
 */
@Timeout(10)
class ProgressTest {
    private static final Instant T0 = Instant.parse("2026-03-05T14:02:00Z");

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    private final AtomicLong millis = new AtomicLong(T0.toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private final RunStats stats = new RunStats();
    private final AtomicReference<InputGauge.Reading> reading =
            new AtomicReference<>(new InputGauge.Reading(0, 4_000_000, "archive/2024-03/day-14.ndjson.gz"));
    private final AtomicReference<String> holdUp = new AtomicReference<>();

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    private Progress progress(Console.ProgressMode mode, int columns) {
        StatusLine status = new StatusLine(stats, () -> 64, holdUp::get, reading::get, clock,
                () -> millis.get() * 1_000_000L);
        return new Progress(mode, err, UnaryOperator.identity(), columns, status);
    }

    /** A quarter of the input read in 10 s, 1,500 events settled. */
    private void quarterDone() {
        millis.addAndGet(10_000);
        reading.set(new InputGauge.Reading(1_000_000, 4_000_000, "archive/2024-03/day-14.ndjson.gz"));
        stats.delivered.add(1_497);
        stats.deadLettered.add("http-400", 3);
        stats.httpRequests.add(1_510);
    }

    @Test
    void onATerminalTheBarShowsEveryFigureAndIsClearedAtTheEnd() {
        Terminal tty = Terminal.detect(Map.of("COLUMNS", "140", "TERM", "xterm"), () -> true);
        assertEquals(Console.ProgressMode.bar, tty.defaultMode(), "a terminal gets the bar");
        Progress p = progress(tty.defaultMode(), tty.columns());
        quarterDone();
        p.tick();
        String line = printed();
        assertEquals("\r[#####---------------]   25%  1.0 MB/4.0 MB  10s, ETA 30s  150 events/s  1,497 delivered"
                + "  3 dead-lettered  archive/2024-03/day-14.ndjson.gz", line);
        assertTrue(p.drawing());

        p.stop();
        String end = printed().substring(line.length());
        assertEquals("\r" + " ".repeat(line.length() - 1) + "\r", end, "the bar's line is blanked, cursor at its start");
        assertFalse(p.drawing());
        assertFalse(printed().contains("\n"), "a bar never adds lines");
    }

    @Test
    void theBarFitsANarrowTerminal() {
        Progress p = progress(Console.ProgressMode.bar, 60);
        quarterDone();
        p.tick();
        String line = printed();
        assertEquals(59, line.length() - 1, "never the last column: " + line);
        assertTrue(line.startsWith("\r 25%  1.0 MB/4.0 MB  10s, ETA 30s  150 events/s"), "the graphic goes first: "
                + line);
    }

    @Test
    void aShorterLineBlanksWhatTheLongerOneLeft() {
        Progress p = progress(Console.ProgressMode.bar, 125);
        quarterDone();
        p.tick();
        String first = printed();
        assertTrue(first.endsWith("  ...y-14.ndjson.gz"), "a long name keeps its end: " + first);
        reading.set(new InputGauge.Reading(4_000_000, 4_000_000, null));
        millis.addAndGet(500);
        p.tick();
        String second = printed().substring(first.length());
        assertTrue(second.startsWith("\r[####################]  100%  4.0 MB/4.0 MB  10s, ETA 0s"), second);
        assertTrue(second.matches("(?s).* 3 dead-lettered {10,}"), "the rest of the longer line is blanked: '" + second + "'");
        assertEquals(first.length(), second.length(), second);
    }

    @Test
    void aLineOfTheSinkLiftsTheBarFirst() {
        Progress p = progress(Console.ProgressMode.bar, 80);
        quarterDone();
        p.tick();
        int drawn = printed().length() - 1;
        p.println("cf-sync: credentials refused; stopping after the requests in flight");
        assertTrue(printed().endsWith("\r" + " ".repeat(drawn) + "\rcf-sync: credentials refused; stopping after "
                + "the requests in flight" + System.lineSeparator()), printed());
        assertFalse(p.drawing());
    }

    @Test
    void withoutATerminalALogLineCarriesAnIsoTimestampAndTheSameFigures() {
        Terminal cron = Terminal.detect(Map.of(), () -> false);
        assertEquals(Console.ProgressMode.log, cron.defaultMode(), "no terminal: log lines");
        assertEquals(Console.ProgressMode.log, Terminal.detect(Map.of("TERM", "dumb"), () -> true).defaultMode(),
                "a dumb terminal cannot redraw");
        Progress p = progress(cron.defaultMode(), cron.columns());
        quarterDone();
        holdUp.set("paused 2s (429)");
        p.tick();
        // The next line's rate is over the time since this one (30 s, 3,000 more events).
        millis.addAndGet(30_000);
        stats.delivered.add(3_000);
        reading.set(new InputGauge.Reading(3_000_000, 4_000_000, "archive/2024-03/day-15.ndjson"));
        holdUp.set(null);
        p.tick();
        p.stop();
        String nl = System.lineSeparator();
        assertEquals("2026-03-05T14:02:10Z cf-sync: progress: 25% of the input read (1.0 MB of 4.0 MB), elapsed 10s, "
                + "ETA 30s, 150 events/s, 1,497 delivered, 3 dead-lettered, 1,510 requests, 64 queued, "
                + "paused 2s (429), reading archive/2024-03/day-14.ndjson.gz" + nl
                + "2026-03-05T14:02:40Z cf-sync: progress: 75% of the input read (3.0 MB of 4.0 MB), elapsed 40s, "
                + "ETA 13s, 100 events/s, 4,497 delivered, 3 dead-lettered, 1,510 requests, 64 queued, "
                + "reading archive/2024-03/day-15.ndjson" + nl, printed());
    }

    @Test
    void standardInputHasNoTotalSoNoPercentOrEta() {
        reading.set(new InputGauge.Reading(2_500, -1, "-"));
        Progress p = progress(Console.ProgressMode.log, 80);
        millis.addAndGet(2_000);
        p.tick();
        assertTrue(printed().startsWith("2026-03-05T14:02:02Z cf-sync: progress: 2.5 kB of input read, elapsed 2s, "
                + "0 events/s"), printed());
    }

    @Test
    void theEtaCountsEventsReadButStillQueued() {
        StatusLine.Figures allRead = new StatusLine.Figures(T0, 10_000, 4_000_000, 4_000_000, 50, 100, 0, 100,
                500, null, null);
        assertEquals(java.time.Duration.ofSeconds(10), allRead.eta(), "500 queued at 50 events/s");
        StatusLine.Figures stalled = new StatusLine.Figures(T0, 10_000, 4_000_000, 4_000_000, 0, 100, 0, 100,
                500, null, null);
        assertEquals(null, stalled.eta(), "nothing settles lately: no guess");
    }

    @Test
    void noneIsSilent() {
        Progress p = progress(Console.ProgressMode.none, 80);
        p.tick();
        p.stop();
        assertEquals("", printed());
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("999 B", ProgressText.bytes(999));
        assertEquals("1.0 kB", ProgressText.bytes(1_000));
        assertEquals("1.0 MB", ProgressText.bytes(999_960));
        assertEquals("12.3 GB", ProgressText.bytes(12_300_000_000L));
    }
}
