package io.cfsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PluralTest {
    @Test
    void oneIsSingularAndEverythingElsePlural() {
        assertEquals("1 event", Plural.count(1, "event"));
        assertEquals("0 events", Plural.count(0, "event"));
        assertEquals("2 events", Plural.count(2, "event"));
        assertEquals("1,024 lines", Plural.count(1024, "line"));
        assertEquals("1 entry", Plural.count(1, "entry", "entries"));
        assertEquals("3 entries", Plural.count(3, "entry", "entries"));
        assertEquals("request", Plural.noun(1, "request"));
        assertEquals("requests", Plural.noun(7, "request"));
    }

    /** The summary of a one-line run says "1 line", "1 event", "1 request": never "1 lines". */
    @Test
    void theSummaryOfOneEventIsSingular() {
        RunStats s = new RunStats();
        s.lines.increment();
        s.eventsByType.add("track");
        s.delivered.increment();
        s.requests.increment();
        s.httpRequests.increment();
        String dry = print(s, "mapped", 2500);
        assertTrue(dry.contains(": 1 line read, 1 event in 2.5s"), dry);
        assertTrue(dry.contains("mapped:        1 event, 1 request"), dry);
        String sent = print(s, "delivered", 90_000);
        assertTrue(sent.contains("delivered:     1 event\n"), sent);
        assertTrue(sent.contains("1 sent, 0 of them retries"), sent);
        assertTrue(sent.contains(" in 1m30s"), sent);
        assertFalse((dry + sent).matches("(?s).*\\b1 (lines|events|requests)\\b.*"), dry + sent);
    }

    @Test
    void manyAreCountedInThePlural() {
        RunStats s = new RunStats();
        for (int i = 0; i < 2; i++) {
            s.lines.increment();
            s.eventsByType.add("track");
            s.delivered.increment();
            s.requests.increment();
        }
        String out = print(s, "mapped", 400);
        assertTrue(out.contains(": 2 lines read, 2 events in 400ms"), out);
        assertTrue(out.contains("2 events, 2 requests"), out);
    }

    private static String print(RunStats s, String verb, long millis) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Summary.print(new PrintStream(b, true, StandardCharsets.UTF_8), "cf-sync send", s,
                new Summary.Kind(verb, false), null, millis);
        return b.toString(StandardCharsets.UTF_8);
    }
}
