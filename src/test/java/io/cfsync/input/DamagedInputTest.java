package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.event.EventDecoder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines and inputs that are damaged: too deep, NUL bytes, binary files, cut or corrupt gzip. */
@Timeout(30)
class DamagedInputTest {
    static final String EV = EventReaderTest.EV;

    @TempDir
    Path tmp;

    /** A track event whose properties nest down to {@code depth} levels in all (the event itself is level 1). */
    static String nested(int depth) {
        int arrays = depth - 2;
        return "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"a\":" + "[".repeat(arrays)
                + "]".repeat(arrays) + "}}";
    }

    private List<Item> readFile(Path f, List<Item> items) throws Exception {
        new EventReader().read(new InputSource(f.getFileName().toString(), f), InputStream.nullInputStream(), 0,
                items::add);
        return items;
    }

    private static String code(Item i) {
        return ((Item.Bad) i).problem().code();
    }

    @Test
    void nestingUpToTheLimitIsReadAndDeeperIsADeadLetterNotACrash() throws Exception {
        int max = EventDecoder.MAX_DEPTH;
        List<Item> items = EventReaderTest.read(String.join("\n", nested(max), nested(max + 1), nested(max + 3),
                nested(1000), nested(1200), EV) + "\n");
        assertEquals(6, items.size(), "every line yields an item; the run goes on");
        assertInstanceOf(Item.Good.class, items.get(0), "exactly at the limit is an event");
        for (int i = 1; i <= 4; i++) {
            assertEquals("too-deeply-nested", code(items.get(i)), "line " + (i + 1));
            assertTrue(((Item.Bad) items.get(i)).problem().detail().contains(max + " levels"));
        }
        assertInstanceOf(Item.Good.class, items.get(5));
    }

    @Test
    void aDeadLetterOfAnEventAtTheLimitStillReplays() throws Exception {
        String entry = "{\"reason\":\"http-400\",\"file\":\"a\",\"line\":1,\"event\":" + nested(EventDecoder.MAX_DEPTH)
                + "}";
        assertInstanceOf(Item.Good.class, EventReaderTest.read(entry).get(0));
        String batch = "{\"batch\":[" + nested(EventDecoder.MAX_DEPTH) + "]}";
        assertInstanceOf(Item.Good.class, EventReaderTest.read(batch).get(0));
    }

    @Test
    void aLineLedByNulBytesIsNotJsonAndKeepsItsBytes() throws Exception {
        // Without the guard, Jackson sees the NULs, guesses UTF-32 and throws, aborting the whole run.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((EV + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] nulLed = ("\0\0\0" + EV).getBytes(StandardCharsets.UTF_8);
        b.write(nulLed);
        b.write('\n');
        b.write(("\0" + EV + "\n" + EV + "\0\n" + EV + "\n").getBytes(StandardCharsets.UTF_8));
        List<Item> items = EventReaderTest.readStdin(b.toByteArray());
        assertEquals(5, items.size());
        assertEquals("not-json", code(items.get(1)));
        assertArrayEquals(nulLed, ((Item.Bad) items.get(1)).rawBytes(), "the exact bytes, for rawBase64");
        assertEquals("not-json", code(items.get(2)));
        assertEquals("not-json", code(items.get(3)), "a NUL anywhere is never JSON text");
        assertInstanceOf(Item.Good.class, items.get(4));
    }

    @Test
    void aBinaryFileIsOneNamedErrorNotThousandsOfLines() throws Exception {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        Path f = tmp.resolve("photo.ndjson");
        Files.write(f, noise);
        List<Item> items = new ArrayList<>();
        InputDataException e = assertThrows(InputDataException.class, () -> readFile(f, items));
        assertEquals("binary", e.kind());
        assertEquals("photo.ndjson: not text (binary data); skipped", e.getMessage());
        assertEquals(List.of(), items);
    }

    @Test
    void utf16TextIsBinaryToo() throws Exception {
        Path f = tmp.resolve("utf16.ndjson");
        Files.writeString(f, EV + "\n" + EV + "\n", StandardCharsets.UTF_16LE);
        assertEquals("binary", assertThrows(InputDataException.class, () -> readFile(f, new ArrayList<>())).kind());
    }

    @Test
    void aBinaryFileInsideGzipIsBinary() throws Exception {
        byte[] noise = new byte[20_000];
        new Random(8).nextBytes(noise);
        Path f = tmp.resolve("noise.ndjson.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(noise);
        }
        assertEquals("binary", assertThrows(InputDataException.class, () -> readFile(f, new ArrayList<>())).kind());
    }

    @Test
    void aTextFileWithDamagedLinesIsStillReadLineByLine() throws Exception {
        // NUL padding left by a crash, and a line in Latin-1: damaged lines, not a binary file.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[5000]);
        b.write((EV + "\n").getBytes(StandardCharsets.UTF_8));
        b.write("{\"type\":\"track\",\"userId\":\"Jos\u00e9\",\"event\":\"E\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        b.write((EV + "\n").getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("padded.ndjson");
        Files.write(f, b.toByteArray());
        List<Item> items = readFile(f, new ArrayList<>());
        assertEquals(List.of("not-json", "invalid-utf8", "good"), items.stream()
                .map(i -> i instanceof Item.Bad bad ? bad.problem().code() : "good").toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 60, 95})
    void aTruncatedGzipNamesTheFileAndTheLastLineRead(int percent) throws Exception {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(z)) {
            for (int i = 0; i < 20_000; i++) {
                o.write(("{\"type\":\"track\",\"userId\":\"u" + i + "\",\"event\":\"E\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = z.toByteArray();
        Path f = tmp.resolve("day.ndjson.gz");
        Files.write(f, Arrays.copyOf(all, all.length * percent / 100));
        List<Item> items = new ArrayList<>();
        InputDataException e = assertThrows(InputDataException.class, () -> readFile(f, items));
        assertEquals("gzip-truncated", e.kind());
        assertTrue(items.size() > 0 && items.size() < 20_000, "the lines before the cut were read: " + items.size());
        assertEquals("day.ndjson.gz: gzip data ends early after line " + items.size(), e.getMessage());
        assertTrue(items.stream().allMatch(i -> i instanceof Item.Good), "no half line is handed over");
    }

    @Test
    void aGzipCutInsideItsHeaderEndsAfterLineZero() throws Exception {
        Path f = tmp.resolve("empty.ndjson.gz");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8});
        InputDataException e = assertThrows(InputDataException.class, () -> readFile(f, new ArrayList<>()));
        assertEquals("empty.ndjson.gz: gzip data ends early after line 0", e.getMessage());
    }

    @Test
    void corruptGzipDataIsNamed() throws Exception {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(z)) {
            o.write((EV + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = z.toByteArray();
        all[all.length - 5] ^= 0x55; // the stored length no longer matches
        Path f = tmp.resolve("bad.ndjson.gz");
        Files.write(f, all);
        List<Item> items = new ArrayList<>();
        InputDataException e = assertThrows(InputDataException.class, () -> readFile(f, items));
        assertEquals("bad.ndjson.gz: gzip data is corrupt after line 1000", e.getMessage());
    }

    @Test
    void standardInputLedByADamagedLineIsStillText() throws Exception {
        // A pipe may hand over the first line alone; reading goes on until a line settles it.
        byte[] first = ("\0\0" + EV + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] rest = (EV + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(first),
                new java.io.ByteArrayInputStream(rest));
        List<Item> items = new ArrayList<>();
        new EventReader().read(new InputSource("-", null), trickle, 0, items::add);
        assertEquals("not-json", code(items.get(0)));
        assertInstanceOf(Item.Good.class, items.get(1));
    }
}
