package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.event.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader leaves out the walk of an event's tree only when the raw line proves the limits hold; every line
 * that could break one is still judged as the decoder judges it.
 */
@Timeout(30)
class LineLimitsTest {
    private static String code(Item i) {
        return i instanceof Item.Bad b ? b.problem().code() : "good";
    }

    @Test
    void anInfiniteNumberInAShortLineIsStillOutOfRange() throws Exception {
        List<Item> items = EventReaderTest.read(String.join("\n",
                "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"x\":1e999}}",
                "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"x\":-1E+400}}",
                "{\"batch\":[{\"type\":\"identify\",\"userId\":\"u\"},{\"type\":\"track\",\"userId\":\"u\","
                        + "\"event\":\"E\",\"properties\":{\"p\":[2.5e308]}}]}",
                "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"x\":1.7976931348623157e308,\"y\":-0.0}}"));
        assertEquals(List.of("number-out-of-range", "number-out-of-range", "good", "number-out-of-range", "good"),
                items.stream().map(LineLimitsTest::code).toList());
        assertTrue(((Item.Bad) items.get(3)).problem().detail().contains("properties.p[0]"), "names where");
    }

    @Test
    void bracketsInsideStringsOnlyMakeTheReaderLookCloser() throws Exception {
        String many = "{[".repeat(EventDecoder.MAX_DEPTH);
        List<Item> items = EventReaderTest.read("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"" + many + "\"}\n"
                + DamagedInputTest.nested(EventDecoder.MAX_DEPTH) + "\n"
                + DamagedInputTest.nested(EventDecoder.MAX_DEPTH + 1) + "\n");
        assertEquals(List.of("good", "good", "too-deeply-nested"), items.stream().map(LineLimitsTest::code).toList());
    }

    @Test
    void scanTellsNulBeforeInvalidUtf8AndCountsOpeningBrackets() {
        assertEquals(3, scan("{\"a\":[{}]}"));
        assertEquals(2, scan("{\"\u00e9\u20ac\ud83d\ude00\":[]}"));
        assertEquals(Utf8.NUL, scan("{\"a\":\"\u0000\"}"));
        assertEquals(Utf8.INVALID, bytes(new byte[] {'{', (byte) 0xc3, '}'}));
        assertEquals(Utf8.NUL, bytes(new byte[] {'{', (byte) 0xc3, '"', 0, '}'}), "NUL wins wherever it is");
        assertEquals(Utf8.INVALID, bytes(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), "an encoded surrogate");
        assertEquals(Utf8.INVALID, bytes(new byte[] {(byte) 0xc0, (byte) 0xaf}), "an overlong form");
        assertEquals(Utf8.INVALID, bytes(new byte[] {'[', (byte) 0xf0, (byte) 0x9f, (byte) 0x98}), "cut short");
    }

    private static int scan(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static int bytes(byte[] b) {
        byte[] padded = new byte[b.length + 4];
        System.arraycopy(b, 0, padded, 2, b.length);
        return Utf8.scan(padded, 2, b.length);
    }
}
