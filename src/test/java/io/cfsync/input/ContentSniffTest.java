package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cfsync.input.ContentSniff.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ContentSniffTest {
    private static Kind of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ContentSniff.of(b, b.length);
    }

    @Test
    void gzipIsKnownByItsMagicBytesAlone() {
        assertEquals(Kind.GZIP, ContentSniff.of(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4));
    }

    @Test
    void textIsEventDataWhenItsFirstLineIsOneJsonObject() {
        assertEquals(Kind.NDJSON, of("{\"type\":\"track\"}\nnot json at all\n"));
        assertEquals(Kind.NDJSON, of("\uFEFF\r\n\n  {\"batch\":[]}\r\n"), "BOM, blank lines and CRLF are fine");
        assertEquals(Kind.NDJSON, of("{\"a\":1}"), "a last line without its line end");
    }

    @Test
    void anythingElseIsNot() {
        assertEquals(Kind.OTHER, of("id,type\n1,track\n"), "CSV");
        assertEquals(Kind.OTHER, of("[{\"type\":\"track\"}]\n"), "a JSON array file");
        assertEquals(Kind.OTHER, of("{\"type\":\"track\"} trailing\n"), "more than one value on the line");
        assertEquals(Kind.OTHER, of("{\"type\":\n\"track\"}\n"), "pretty-printed JSON is not NDJSON");
        assertEquals(Kind.OTHER, ContentSniff.of(new byte[] {'{', 0, 1, 2}, 4), "binary");
        assertEquals(Kind.EMPTY, of(""));
        assertEquals(Kind.EMPTY, of(" \n\r\n"));
    }

    @Test
    void aFirstLineLongerThanTheWindowOnlyHasToOpenLikeAnObject() {
        byte[] b = new byte[ContentSniff.WINDOW];
        Arrays.fill(b, (byte) 'a');
        b[0] = '{';
        b[1] = '"';
        assertEquals(Kind.NDJSON, ContentSniff.of(b, b.length));
        b[100] = 0;
        assertEquals(Kind.OTHER, ContentSniff.of(b, b.length));
    }
}
