package io.cfsync.dest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bytes a UTF-8 generator writes, as the dry-run prints them: an emoji is a 12-byte escape pair. */
    @Test
    void exactCountsTheBytesJacksonWrites() throws Exception {
        String[] docs = {
            "{}", "[]", "null", "\"\"",
            "{\"a\":\"\\u0001\\u001f\\\"\\\\/\",\"é\":\"日本語😀\",\"n\":[1,-2.5e-300,true,false,null]}",
            "{\"big\":123456789012345678901234567890123456789,\"dec\":1.0000000000000000000000000000001}",
        };
        for (String d : docs) {
            JsonNode n = JSON.readTree(d);
            assertEquals(JSON.writeValueAsBytes(n).length, JsonBytes.exact(n), d);
        }
        JsonNode emoji = JSON.createObjectNode().put("e", "😀");
        assertEquals("{\"e\":\"\\uD83D\\uDE00\"}", new String(JSON.writeValueAsBytes(emoji), StandardCharsets.UTF_8));
        assertEquals(20, JsonBytes.exact(emoji));
    }

    @Test
    void exceedsIsExactAtTheLimitWhateverTheCharacters() throws Exception {
        for (String unit : new String[] {"x", "é", "日", "😀", "\u0001", "\""}) {
            for (int reps : new int[] {1, 10, 1000}) {
                JsonNode n = JSON.createObjectNode().put("k", unit.repeat(reps));
                int size = (int) JsonBytes.exact(n);
                assertFalse(JsonBytes.exceeds(n, size), unit + " x" + reps);
                assertTrue(JsonBytes.exceeds(n, size - 1), unit + " x" + reps);
            }
        }
        JsonNode numbers = JSON.readTree("[123456789012345678901234567890123456789,-1.7976931348623157E308]");
        long size = JsonBytes.exact(numbers);
        assertFalse(JsonBytes.exceeds(numbers, (int) size));
        assertTrue(JsonBytes.exceeds(numbers, (int) size - 1));
    }
}
