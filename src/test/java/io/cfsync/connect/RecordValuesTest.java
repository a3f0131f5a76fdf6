package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A record value becomes the bytes of one event line, whichever converter handed it over. */
@Timeout(10)
class RecordValuesTest {
    private static String text(Object v) {
        return new String(RecordValues.bytes(v), StandardCharsets.UTF_8);
    }

    @Test
    void stringsBytesAndSchemalessMapsAreRead() {
        String e = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";
        assertEquals(e, text(e));
        assertEquals(e, text(e.getBytes(StandardCharsets.UTF_8)));
        assertEquals(e, text(ByteBuffer.wrap(e.getBytes(StandardCharsets.UTF_8))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "track");
        m.put("userId", "u");
        m.put("event", "E");
        assertEquals(e, text(m));
    }

    @Test
    void otherValuesAreRefusedInWords() {
        String why = assertThrows(IllegalArgumentException.class, () -> RecordValues.bytes(42)).getMessage();
        assertTrue(why.startsWith("the record value is a number; cf-sync reads a JSON string"), why);
    }
}
