package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMissingReceivedAtIsSplicedInAndTheRestOfTheBytesAreKept() throws Exception {
        String text = "{\"type\":\"track\",\"n\":1.50,\"s\":\"\\u00e9\"}";
        JsonNode el = JSON.readTree(text);
        String out = Envelopes.fillReceivedAt(el, text, "2024-03-01T00:00:00Z");
        assertEquals("{\"type\":\"track\",\"n\":1.50,\"s\":\"\\u00e9\",\"receivedAt\":\"2024-03-01T00:00:00Z\"}", out);
        assertEquals("2024-03-01T00:00:00Z", el.get("receivedAt").asText());
        assertEquals("{\"receivedAt\":\"x\"}", Envelopes.fillReceivedAt(JSON.readTree("{ }"), "{ }", "x"));
        String own = "{\"receivedAt\":\"mine\"}";
        assertEquals(own, Envelopes.fillReceivedAt(JSON.readTree(own), own, "theirs"));
    }

    @Test
    void writeKeysAreTakenOutOfTextTreesAndBytes() throws Exception {
        assertEquals("{\"writeKey\":\"<redacted>\",\"a\":1}", WriteKeys.scrub("{\"writeKey\":\"abc\",\"a\":1}"));
        assertEquals("{\\\"write_key\\\":\\\"<redacted>\\\"}", WriteKeys.scrub("{\\\"write_key\\\":\\\"abc\\\"}"));
        assertEquals("{\"WriteKey\" : \"<redacted>", WriteKeys.scrub("{\"WriteKey\" : \"abc-cut-sho"));
        byte[] raw = "{\"writeKey\":\"abc\",\"x\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(new String(WriteKeys.scrub(raw), StandardCharsets.ISO_8859_1).contains("abc"));
        JsonNode shown = Envelopes.withoutWriteKeys(JSON.readTree(
                "{\"payload\":{\"writeKey\":\"abc\",\"nested\":[{\"WRITEKEY\":\"abc\"}],\"note\":\"\\\"writeKey\\\":\\\"abc\\\"\"}}"));
        assertFalse(shown.toString().contains("abc"), shown.toString());
    }

    @Test
    void aSegmentBatchWhoseBatchIsBrokenIsShownWithoutItsWriteKey() throws Exception {
        List<Item> items = EventReaderTest.read("{\"batch\":{\"type\":\"track\"},\"writeKey\":\"wk-seg\"}\n");
        Item.Bad bad = (Item.Bad) items.get(0);
        assertEquals("missing-type", bad.problem().code());
        assertFalse(bad.json().toString().contains("wk-seg"), bad.json().toString());
        assertEquals(null, bad.raw(), "the tree is written, not the line's text");
    }

    @Test
    void eachShapeIsToldByItsKeysAndALineWithATypeIsAnEvent() throws Exception {
        assertEquals("payload", Envelopes.payloadKey(JSON.readTree("{\"payload\":{}}")));
        assertEquals("event_payload", Envelopes.payloadKey(JSON.readTree("{\"event_payload\":{}}")));
        assertEquals("EventPayload", Envelopes.payloadKey(JSON.readTree("{\"EventPayload\":{}}")));
        assertEquals(null, Envelopes.payloadKey(JSON.readTree("{\"type\":\"track\",\"payload\":{}}")));
    }

    @Test
    void aBrokenElementIsOneBadItemAndTheOthersStillCome() throws Exception {
        List<Item> items = EventReaderTest.read("{\"EventPayload\":{\"batch\":[{\"type\":\"track\",\"userId\":\"u\","
                + "\"event\":\"E\"},{\"type\":\"nope\"},[]],\"writeKey\":\"wk\",\"receivedAt\":\"2024-01-01T00:00:00Z\"}}\n");
        assertEquals(3, items.size());
        assertInstanceOf(Item.Good.class, items.get(0));
        assertEquals(new SourceRef("-", 1, 0), items.get(0).ref());
        assertEquals("2024-01-01T00:00:00Z", ((Item.Good) items.get(0)).event().json().get("receivedAt").asText());
        assertEquals("unknown-type", ((Item.Bad) items.get(1)).problem().code());
        assertEquals(new SourceRef("-", 1, 2), items.get(2).ref());
        for (Item i : items) {
            String text = i instanceof Item.Good g ? java.util.Objects.toString(g.text(), null) : ((Item.Bad) i).raw();
            assertFalse(String.valueOf(text).contains("wk"), text);
        }
    }
}
