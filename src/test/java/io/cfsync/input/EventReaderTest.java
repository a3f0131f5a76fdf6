package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventReaderTest {
    static final String EV = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";

    @TempDir
    Path tmp;

    static List<Item> readStdin(byte[] bytes) throws Exception {
        List<Item> items = new ArrayList<>();
        new EventReader().read(new InputSource("-", null), new ByteArrayInputStream(bytes), 0, items::add);
        return items;
    }

    static List<Item> read(String text) throws Exception {
        return readStdin(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bomCrlfAndBlankLinesAreTolerated() throws Exception {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(bom);
        b.write((EV + "\r\n\r\n   \t \n" + EV + "\r\n" + EV).getBytes(StandardCharsets.UTF_8));
        List<Item> items = readStdin(b.toByteArray());
        assertEquals(5, items.size());
        assertInstanceOf(Item.Good.class, items.get(0));
        assertInstanceOf(Item.Blank.class, items.get(1));
        assertInstanceOf(Item.Blank.class, items.get(2));
        assertInstanceOf(Item.Good.class, items.get(3));
        assertEquals(5, items.get(4).ref().line(), "a last line without newline still counts");
        assertInstanceOf(Item.Good.class, items.get(4));
    }

    @Test
    void batchEnvelopeElementsKeepTheirLineNumber() throws Exception {
        List<Item> items = read(EV + "\n{\"batch\":[" + EV + ",{\"type\":\"nope\",\"userId\":\"u\"}," + EV + "]}\n");
        assertEquals(4, items.size());
        assertEquals(List.of(1L, 2L, 2L, 2L), items.stream().map(i -> i.ref().line()).toList());
        assertInstanceOf(Item.Bad.class, items.get(2));
        assertEquals("unknown-type", ((Item.Bad) items.get(2)).problem().code());
    }

    @Test
    void deadLetterEntriesAreUnwrapped() throws Exception {
        String dl = "{\"reason\":\"invalid-timestamp\",\"detail\":\"x\",\"file\":\"a.ndjson\",\"line\":3,\"event\":"
                + EV + "}\n{\"reason\":\"invalid-json\",\"file\":\"a.ndjson\",\"line\":4,\"raw\":\"{not json\"}\n";
        List<Item> items = read(dl);
        assertInstanceOf(Item.Good.class, items.get(0));
        assertEquals("invalid-json", ((Item.Bad) items.get(1)).problem().code());
        assertEquals("{not json", ((Item.Bad) items.get(1)).raw());
    }

    @Test
    void deadLetterRawBytesReplayExactly() throws Exception {
        byte[] bad = HexFormat.of().parseHex("7b2274797065223a22ff227d");
        String dl = "{\"reason\":\"invalid-utf8\",\"file\":\"a\",\"line\":1,\"raw\":\"x\",\"rawBase64\":\""
                + java.util.Base64.getEncoder().encodeToString(bad) + "\"}";
        Item.Bad b = (Item.Bad) read(dl).get(0);
        assertEquals("invalid-utf8", b.problem().code());
        assertArrayEquals(bad, b.rawBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c328", "eda080", "c0af", "80", "f0288c28", "e282", "f4908080"})
    void invalidUtf8IsNeverReplacedSilently(String hex) throws Exception {
        byte[] prefix = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "b\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(prefix);
        b.write(HexFormat.of().parseHex(hex));
        b.write(suffix);
        Item.Bad bad = (Item.Bad) readStdin(b.toByteArray()).get(0);
        assertEquals("invalid-utf8", bad.problem().code());
        assertArrayEquals(b.toByteArray(), bad.rawBytes());
    }

    @Test
    void validMultibyteTextIsAccepted() throws Exception {
        assertInstanceOf(Item.Good.class, read("{\"type\":\"track\",\"userId\":\"ü€😀\",\"event\":\"Ø\"}").get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"track\"", "{\"a\":1} trailing", "not json", "{'a':1}"})
    void brokenJsonIsInvalidJson(String line) throws Exception {
        assertEquals("invalid-json", ((Item.Bad) read(line).get(0)).problem().code());
    }

    @Test
    void multiMegabyteLineIsReadLikeAnyOtherWhenTheLimitAllowsIt() throws Exception {
        String big = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Document Uploaded\",\"properties\":{\"content\":\""
                + "x".repeat(3 * 1024 * 1024) + "\"}}";
        byte[] text = (EV + "\n" + big + "\n" + EV + "\n").getBytes(StandardCharsets.UTF_8);
        List<Item> items = new ArrayList<>();
        new EventReader(ReadMeter.NONE, 4 << 20).read(new InputSource("-", null), new ByteArrayInputStream(text), 0,
                items::add);
        assertEquals(3, items.size());
        assertInstanceOf(Item.Good.class, items.get(1));
        assertEquals(3, items.get(2).ref().line());
        List<Item> bounded = read(new String(text, StandardCharsets.UTF_8));
        assertEquals("line-too-long", ((Item.Bad) bounded.get(1)).problem().code(), "over the default 1 MiB");
        assertInstanceOf(Item.Good.class, bounded.get(2));
    }

    @Test
    void gzipIsDetectedByMagicBytesNotName() throws Exception {
        Path f = tmp.resolve("looks-plain.ndjson");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write((EV + "\n" + EV + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<Item> items = new ArrayList<>();
        long lines = new EventReader().read(new InputSource(f.toString(), f), InputStream.nullInputStream(), 0,
                items::add);
        assertEquals(2, lines);
        assertEquals(2, items.stream().filter(i -> i instanceof Item.Good).count());
    }

    @Test
    void skipThroughResumesAfterALine() throws Exception {
        List<Item> items = new ArrayList<>();
        byte[] in = (EV + "\n" + EV + "\n" + EV + "\n").getBytes(StandardCharsets.UTF_8);
        new EventReader().read(new InputSource("-", null), new ByteArrayInputStream(in), 2, items::add);
        assertEquals(1, items.size());
        assertEquals(3, items.get(0).ref().line());
        assertNotNull(((Item.Good) items.get(0)).event());
    }

    @Test
    void eachEventKeepsItsExactText() throws Exception {
        String odd = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":1.50,\"q\":\"\\u00e9\"}}";
        String bad = "{\"type\":\"track\", \"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2024-02-30T00:00:00Z\"}";
        List<Item> items = read(odd + "\n" + bad + "\n{\"batch\": [ " + odd + " , " + bad + " ] , \"x\":1}\n"
                + "{\"reason\":\"r\",\"file\":\"f\",\"line\":1,\"event\": " + bad + " }\n{oops\n");
        assertEquals(odd, String.valueOf(((Item.Good) items.get(0)).text()), "numbers and escapes as written");
        assertEquals(bad, ((Item.Bad) items.get(1)).raw());
        assertNotNull(((Item.Bad) items.get(1)).json());
        assertEquals(odd, String.valueOf(((Item.Good) items.get(2)).text()), "a batch element's own text");
        assertEquals(bad, ((Item.Bad) items.get(3)).raw());
        assertEquals(bad, ((Item.Bad) items.get(4)).raw(), "a replayed dead letter's event text");
        assertEquals("{oops", ((Item.Bad) items.get(5)).raw());
    }

    /**
     * Nearly every event is delivered and its text never read: the reader keeps the line's bytes and decodes them
     * only when a dead letter asks, since decoding every line cost the reading thread about a quarter of its time.
     */
    @Test
    void anEventsTextIsDecodedOnlyWhenItIsRead() throws Exception {
        String line = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"note\":\"Ønsker\",\"p\":1.50}}";
        CharSequence text = ((Item.Good) read(line + "\n").get(0)).text();
        assertFalse(text instanceof String, "decoded on the reading thread although nobody read it yet");
        assertEquals(line, text.toString(), "the exact text, non-ASCII and number spellings kept");
        assertEquals(line.length(), text.length());
        assertEquals('Ø', text.charAt(line.indexOf('Ø')));
    }

    @Test
    void aByteOrderMarkOpeningAnyLineIsSkipped() throws Exception {
        String bom = "\ufeff";
        List<Item> items = read(EV + "\n" + bom + EV + "\n" + bom + "\n" + bom + "  \n");
        assertInstanceOf(Item.Good.class, items.get(1));
        assertEquals(EV, String.valueOf(((Item.Good) items.get(1)).text()));
        assertInstanceOf(Item.Blank.class, items.get(2));
        assertInstanceOf(Item.Blank.class, items.get(3));
    }
}
