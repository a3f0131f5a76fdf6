package io.cfsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The progress display, driven by hand: the terminal check is injected, the run's figures come from a snapshot the
 * test sets, time moves when the test says, and lines are drawn when the test ticks, never by a timer.
 */
@Timeout(10)
class ProgressTest {
    private static final Instant T0 = Instant.parse("2026-03-05T14:02:00Z");
    private static final String FILE = "archive/2024-03/day-14.ndjson.gz";

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    private final AtomicLong elapsed = new AtomicLong();
    private final RunStats stats = new RunStats();
    private final AtomicReference<InputGauge.Reading> reading =
            new AtomicReference<>(new InputGauge.Reading(0, 4_000_000, FILE, 0));
    private final AtomicReference<Snapshot.Sending> sending = new AtomicReference<>(sending(64, 150, false));

    private static Snapshot.Sending sending(long inFlight, double ceiling, boolean readAll) {
        return new Snapshot.Sending(inFlight, ceiling, ceiling, Duration.ZERO, false, readAll);
    }

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    private Snapshot now() {
        return Snapshot.take(T0.plusMillis(elapsed.get()), stats, reading.get(), sending.get(), elapsed.get());
    }

    private Progress progress(Console.ProgressMode mode, int columns) {
        return new Progress(mode, err, UnaryOperator.identity(), () -> columns, new StatusLine(this::now));
    }

    /** A quarter of the input read in 10 s (3,000 items of about 12,000), 1,500 items settled. */
    private void quarterRead() {
        elapsed.addAndGet(10_000);
        reading.set(new InputGauge.Reading(1_000_000, 4_000_000, FILE, 3_000));
        stats.delivered.add(1_497);
        stats.deadLettered.add("http-400", 3);
        stats.httpRequests.add(1_510);
    }

    @Test
    void onATerminalTheBarShowsEveryFigureAndIsClearedAtTheEnd() {
        Terminal tty = Terminal.detect(Map.of("COLUMNS", "170", "TERM", "xterm"), () -> true);
        assertEquals(Console.ProgressMode.bar, tty.defaultMode(), "a terminal gets the bar");
        Progress p = progress(tty.defaultMode(), tty.columns());
        quarterRead();
        p.tick();
        String line = printed();
        assertEquals("\r[##------------------]   12%  1,500/~12,000 events  10s, ETA 1m10s  150 events/s (ceiling 150/s)"
                + "  1,497 delivered  3 dead-lettered  " + FILE, line);
        assertTrue(p.drawing());

        p.stop();
        String end = printed().substring(line.length());
        assertEquals("\r" + " ".repeat(line.length() - 1) + "\r", end, "the bar's line is blanked, cursor at its start");
        assertFalse(p.drawing());
        assertFalse(printed().contains("\n"), "a bar never adds lines");
    }

    @Test
    void readingAheadOfSendingNeverMakesTheBarRunAhead() {
        Progress p = progress(Console.ProgressMode.bar, 150);
        // Every byte read (the reader runs far ahead), half of the items settled in 10 s.
        elapsed.addAndGet(10_000);
        reading.set(new InputGauge.Reading(4_000_000, 4_000_000, FILE, 3_000));
        stats.delivered.add(1_500);
        p.tick();
        assertTrue(printed().startsWith("\r[##########----------]   50%  1,500/~3,000 events  10s, ETA 10s  "
                + "150 events/s"), printed());

        elapsed.addAndGet(9_990);
        stats.delivered.add(1_499);
        sending.set(sending(1, 150, true));
        p.tick();
        String nearly = printed().substring(printed().lastIndexOf('\r', printed().length() - 2));
        assertTrue(nearly.contains("  99%  2,999/3,000 events"), "one event in flight is not 100%: " + nearly);

        elapsed.addAndGet(10);
        stats.delivered.add(1);
        sending.set(sending(0, 150, true));
        p.tick();
        String done = printed().substring(printed().lastIndexOf('\r', printed().length() - 2));
        assertTrue(done.startsWith("\r[####################]  100%  3,000/3,000 events  20s, ETA 0s"), done);
    }

    @Test
    void theBarFitsANarrowTerminal() {
        Progress p = progress(Console.ProgressMode.bar, 60);
        quarterRead();
        p.tick();
        String line = printed();
        assertEquals(59, line.length() - 1, "never the last column: " + line);
        assertTrue(line.startsWith("\r 12%  1,500/~12,000 events  10s, ETA 1m10s  150 events/s"),
                "the graphic goes first: " + line);
    }

    @Test
    void aResizedTerminalGetsALineOfItsNewWidth() {
        AtomicInteger width = new AtomicInteger(200);
        Progress p = new Progress(Console.ProgressMode.bar, err, UnaryOperator.identity(), width::get,
                new StatusLine(this::now));
        quarterRead();
        p.tick();
        assertTrue(printed().endsWith(FILE), "wide: the whole name fits: " + printed());
        width.set(70);
        int before = printed().length();
        p.tick();
        String narrow = printed().substring(before);
        assertTrue(narrow.trim().length() <= 69, "cut to the new width: '" + narrow.trim() + "'");
    }

    @Test
    void theTerminalsOwnWidthWinsOverColumnsAndColumnsOverTheDefault() {
        assertEquals(200, Terminal.detect(Map.of("TERM", "xterm"), () -> true, () -> 200).columns(),
                "no COLUMNS exported: the terminal says");
        assertEquals(200, Terminal.detect(Map.of("COLUMNS", "120"), () -> true, () -> 200).columns());
        assertEquals(120, Terminal.detect(Map.of("COLUMNS", "120"), () -> true, () -> -1).columns());
        assertEquals(80, Terminal.detect(Map.of(), () -> true, () -> -1).columns());
        assertEquals(80, Terminal.detect(Map.of(), () -> false, () -> 200).columns(),
                "not a terminal: nothing to ask");
    }

    @Test
    void aLineOfTheSinkLiftsTheBarFirst() {
        Progress p = progress(Console.ProgressMode.bar, 80);
        quarterRead();
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
        quarterRead();
        sending.set(new Snapshot.Sending(64, 150, 150, Duration.ofSeconds(2), false, false));
        p.tick();
        // The next line's rate is over the time since this one (30 s, 3,000 more events).
        elapsed.addAndGet(30_000);
        stats.delivered.add(3_000);
        reading.set(new InputGauge.Reading(3_000_000, 4_000_000, "archive/2024-03/day-15.ndjson", 9_000));
        sending.set(sending(64, 150, false));
        p.tick();
        p.stop();
        String nl = System.lineSeparator();
        assertEquals("2026-03-05T14:02:10Z cf-sync: progress: 12% settled (1,500 of ~12,000 events), elapsed 10s, "
                + "ETA 1m10s, 150 events/s (ceiling 150/s), 1,497 delivered, 3 dead-lettered, 1,510 requests, "
                + "64 in flight, 1.0 MB of 4.0 MB read, paused 2s (429), reading " + FILE + nl
                + "2026-03-05T14:02:40Z cf-sync: progress: 37% settled (4,500 of ~12,000 events), elapsed 40s, "
                + "ETA 1m15s, 100 events/s (ceiling 150/s), 4,497 delivered, 3 dead-lettered, 1,510 requests, "
                + "64 in flight, 3.0 MB of 4.0 MB read, reading archive/2024-03/day-15.ndjson" + nl, printed());
    }

    @Test
    void standardInputHasNoTotalSoNoPercentOrEta() {
        reading.set(new InputGauge.Reading(2_500, -1, "-", 20));
        Progress p = progress(Console.ProgressMode.log, 80);
        elapsed.addAndGet(2_000);
        p.tick();
        assertTrue(printed().startsWith("2026-03-05T14:02:02Z cf-sync: progress: 0 events settled, elapsed 2s, "
                + "0 events/s (ceiling 150/s)"), printed());
    }

    @Test
    void theEtaCountsTheItemsNotSettledAtTheRecentPace() {
        reading.set(new InputGauge.Reading(4_000_000, 4_000_000, null, 600));
        stats.delivered.add(100);
        elapsed.set(10_000);
        assertEquals(Duration.ofSeconds(10), new StatusLine.Figures(now(), 50).eta(), "500 left at 50 events/s");
        assertNull(new StatusLine.Figures(now(), 0).eta(), "nothing settles lately: no guess");
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
