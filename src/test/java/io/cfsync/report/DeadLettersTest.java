package io.cfsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.SmallDisk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DeadLettersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String EVENT = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":1.50,"
            + "\"q\":\"\\u00e9\",\"r\":1e999}}";

    @TempDir
    Path tmp;

    private final List<String> notes = new ArrayList<>();

    private DeadLetters open(Path file) {
        return new DeadLetters(file, Redactor.none(), "customerio", "run-1", notes::add);
    }

    private static DeadLetter invalid(long line, String text) throws Exception {
        return DeadLetter.of("invalid-timestamp", "in.ndjson", line).detail("why")
                .event(JSON.readTree(text), text).build();
    }

    /** Every line of the file parses as one JSON object; returns them. */
    private static List<JsonNode> entries(Path file) throws Exception {
        String all = Files.readString(file);
        assertTrue(all.isEmpty() || all.endsWith("\n"), "the file ends with a whole line");
        List<JsonNode> out = new ArrayList<>();
        for (String l : all.lines().toList()) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void entriesNameTheDestinationAndTheRunAndKeepTheEventsBytes() throws Exception {
        Path f = tmp.resolve("dead.ndjson");
        try (DeadLetters dl = open(f)) {
            dl.write(invalid(3, "  " + EVENT + " "));
        }
        String line = Files.readString(f);
        assertEquals("{\"reason\":\"invalid-timestamp\",\"detail\":\"why\",\"dest\":\"customerio\",\"run\":\"run-1\","
                + "\"file\":\"in.ndjson\",\"line\":3,\"event\":" + EVENT + "}\n", line,
                "the event exactly as read: 1.50, the escape and 1e999 untouched");
    }

    @Test
    void withoutTheTextTheParsedEventIsWritten() throws Exception {
        Path f = tmp.resolve("dead.ndjson");
        try (DeadLetters dl = open(f)) {
            dl.write(DeadLetter.of("http-400", "in", 1).event(JSON.readTree("{\"a\":1}"), null)
                    .answer(400, "bad").build());
            dl.write(DeadLetter.of("not-json", "in", 2).detail("nul").line("\0{", new byte[] {0, '{'})
                    .build());
        }
        List<JsonNode> e = entries(f);
        assertEquals("{\"a\":1}", e.get(0).get("event").toString());
        assertEquals("AHs=", e.get(1).get("rawBase64").asText());
    }

    @Test
    void aTornLastLineIsCutBeforeAppending() throws Exception {
        Path f = tmp.resolve("dead.ndjson");
        String whole = "{\"reason\":\"a\",\"file\":\"in\",\"line\":1,\"raw\":\"x\"}\n";
        String torn = "{\"reason\":\"b\",\"file\":\"in\",\"li";
        Files.writeString(f, whole + torn);
        try (DeadLetters dl = open(f)) {
            dl.write(invalid(2, EVENT));
            dl.write(invalid(3, EVENT));
        }
        List<JsonNode> e = entries(f);
        assertEquals(List.of(1L, 2L, 3L), e.stream().map(n -> n.get("line").asLong()).toList());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("removed its " + torn.getBytes(StandardCharsets.UTF_8).length + " bytes"),
                notes.get(0));
    }

    @Test
    void aFileOfOnlyAPartialLineStartsAfresh() throws Exception {
        Path f = tmp.resolve("dead.ndjson");
        Files.writeString(f, "{\"reason\":\"b\",\"fi");
        try (DeadLetters dl = open(f)) {
            dl.write(invalid(1, EVENT));
        }
        assertEquals(1, entries(f).size());
    }

    @Test
    void aWholeFileIsLeftAlone() throws Exception {
        Path f = tmp.resolve("dead.ndjson");
        Files.writeString(f, "{\"reason\":\"a\",\"file\":\"in\",\"line\":1,\"raw\":\"x\"}\n");
        try (DeadLetters dl = open(f)) {
            dl.write(invalid(2, EVENT));
            dl.sync();
        }
        assertEquals(2, entries(f).size());
        assertEquals(List.of(), notes);
    }

    @Test
    void withoutAPathEntriesAreCountedButNotWritten() throws Exception {
        try (DeadLetters dl = new DeadLetters(null, Redactor.none(), "customerio", "r", notes::add)) {
            dl.write(invalid(1, EVENT));
            dl.sync();
            assertEquals(1, dl.written());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aFullDiskFailsInWordsLeavesWholeLinesAndStaysFailed() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp, 64)) {
            Path f = disk.dir().resolve("dead.ndjson");
            disk.fillLeaving(8192);
            try (DeadLetters dl = open(f)) {
                long ok = 0;
                DeadLetters.WriteException failure = null;
                for (int i = 1; i <= 1000 && failure == null; i++) {
                    try {
                        dl.write(invalid(i, EVENT));
                        ok++;
                    } catch (DeadLetters.WriteException e) {
                        failure = e;
                    }
                }
                assertNotNull(failure, "the disk filled up");
                assertEquals("disk full: cannot write the dead-letter file " + f, failure.getMessage());
                assertTrue(ok > 0, "entries before the disk filled were written");
                assertEquals(ok, dl.written());
                DeadLetters.WriteException again = assertThrows(DeadLetters.WriteException.class,
                        () -> dl.write(invalid(1001, EVENT)));
                assertSame(failure, again, "a later entry never lands after a lost one");
                dl.sync(); // the whole entries before the failure can still be made durable
                assertEquals(ok, entries(f).size(), "no partial entry is left behind");
            }
        }
    }

    @Test
    void aFileThatCannotBeCreatedIsNamed() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("taken"));
        DeadLetters dl = open(dir);
        DeadLetters.WriteException e = assertThrows(DeadLetters.WriteException.class,
                () -> dl.write(invalid(1, EVENT)));
        assertTrue(e.getMessage().startsWith("cannot write the dead-letter file " + dir), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
}
