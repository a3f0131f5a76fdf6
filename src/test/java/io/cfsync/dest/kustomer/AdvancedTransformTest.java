package io.cfsync.dest.kustomer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AdvancedTransformTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesLoseEdgeSpaceAndJoinWordsWithHyphens() {
        assertEquals("Order-Completed", AdvancedTransform.name("  Order   Completed\t"));
        assertEquals("a-b", AdvancedTransform.name("a\u00a0b"));
        assertEquals("Web-Page-Viewed-Pricing-Page", AdvancedTransform.name("Web-Page-Viewed-Pricing Page "));
    }

    @Test
    void metaFollowsKustomersTypeRules() throws Exception {
        ObjectNode in = (ObjectNode) JSON.readTree("{\"revenue\":42.5,\"countNum\":3,\"income Num\":1,"
                + "\"created\":\"2024-03-05\",\"updatedAt\":\"2024-03-05T10:00:00+01:00\",\"zip\":\"2000\","
                + "\"gift\":false,\"items\":[\"a\",1,{\"k\":null}],\"nested\":{\"a\":[1]},\"gone\":null,"
                + "\" plain  key \":\"v\"}");
        assertEquals("{\"revenueNum\":42.5,\"countNum\":3,\"income-Num\":1,\"createdAt\":\"2024-03-05\","
                + "\"updatedAt\":\"2024-03-05T10:00:00+01:00\",\"zip\":\"2000\",\"gift\":\"false\","
                + "\"items\":\"\\\"a\\\",1,{\\\"k\\\":null}\",\"nested\":\"{\\\"a\\\":[1]}\",\"plain-key\":\"v\"}",
                AdvancedTransform.meta(in).toString());
    }

    @Test
    void onlyFullCalendarDatesCountAsDates() {
        assertTrue(AdvancedTransform.isDateTime("2024-03-05"));
        assertTrue(AdvancedTransform.isDateTime("2024-03-05T09:00Z"));
        assertTrue(AdvancedTransform.isDateTime("2024-03-05T09:00:00.123456+0530"));
        assertFalse(AdvancedTransform.isDateTime("2024"));
        assertFalse(AdvancedTransform.isDateTime("2024-03"));
        assertFalse(AdvancedTransform.isDateTime("2024-02-30"));
        assertFalse(AdvancedTransform.isDateTime("2024-03-05 09:00"));
    }

    /** The definition the names follow, as a regex: JavaScript's trim() and \\s are Unicode's White_Space and FEFF. */
    private static final Pattern SPACE = Pattern.compile("[\\s\\uFEFF]", Pattern.UNICODE_CHARACTER_CLASS);

    @Test
    void everyCharacterUnicodeCallsWhiteSpaceIsTrimmedAndJoinedLikeASpace() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean space = SPACE.matcher(String.valueOf(c)).matches();
            String inside = AdvancedTransform.name(c + "a" + c + c + "b" + c);
            String expected = space ? "a-b" : c + "a" + c + c + "b" + c;
            int code = c;
            assertEquals(expected, inside, () -> String.format("U+%04X", code));
        }
        assertEquals("", AdvancedTransform.name(" \t\u3000\ufeff "));
        assertEquals("a-\ud83d\ude00-b", AdvancedTransform.name("a \ud83d\ude00\u2029b"));
    }

    @Test
    void flattenedValuesAreTheirJsonText() throws Exception {
        String values = "[\"Ønsker\\nlevering \\\"før\\\" kl. 12\\u0001\\u2028\",1.0E-7,12345678901234567890123,"
                + "-0.0,[],{},[[1,[2]],{\"a\":{\"b\":null}}],\"\",true]";
        JsonNode array = JSON.readTree(values);
        ObjectNode in = JSON.createObjectNode();
        in.set("list", array);
        in.set("empty", JSON.createArrayNode());
        in.set("object", JSON.readTree("{\"x\":" + values + ",\"y\":{\"z\":\"\\u00e9\\t\"}}"));
        StringBuilder joined = new StringBuilder();
        for (JsonNode element : array) {
            joined.append(joined.length() > 0 ? "," : "").append(element.toString());
        }
        ObjectNode out = AdvancedTransform.meta(in);
        assertEquals(joined.toString(), out.get("list").textValue());
        assertEquals("", out.get("empty").textValue());
        assertEquals(in.get("object").toString(), out.get("object").textValue());
    }
}
