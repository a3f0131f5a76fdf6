package io.cfsync.dest.kustomer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
