package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.event.Decoded;
import io.cfsync.event.EventDecoder;
import io.cfsync.input.Item;
import io.cfsync.input.SourceRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyCompactorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IdentifyCompactor c = new IdentifyCompactor();
    private final List<IdentifyCompactor.Group> released = new ArrayList<>();
    private long line;

    private Item.Good item(String json) throws Exception {
        Decoded d = new EventDecoder().decode(JSON.readTree(json));
        return new Item.Good(new SourceRef("f", ++line), ((Decoded.Ok) d).event(), json);
    }

    private boolean offer(String json) throws Exception {
        c.tick(released::add);
        return c.offer(item(json), released::add);
    }

    @Test
    void mergesTraitsInOrderAndKeepsTheLastCallsPlace() throws Exception {
        assertTrue(offer("{\"type\":\"identify\",\"userId\":\"u\",\"messageId\":\"1\",\"traits\":{\"a\":1,\"b\":1},"
                + "\"timestamp\":\"2024-01-01T00:00:00Z\"}"));
        assertTrue(offer("{\"type\":\"identify\",\"userId\":\"u\",\"messageId\":\"2\",\"traits\":{\"b\":2},"
                + "\"timestamp\":\"2024-01-02T00:00:00Z\"}"));
        assertFalse(offer("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}"));
        assertEquals(1, released.size(), "released before the user's next event");
        IdentifyCompactor.Group g = released.get(0);
        assertEquals("{\"a\":1,\"b\":2}", g.merged().json().get("traits").toString());
        assertEquals("2", g.merged().messageId());
        assertEquals("2024-01-02T00:00:00Z", g.merged().json().get("timestamp").asText());
        assertEquals(2, g.last().ref().line());
        assertEquals(1, g.mergedAway().size());
        assertEquals(null, g.text(), "a merged call has no original text");
    }

    @Test
    void anEventOfAnyIdTheIdentifyNamesReleasesIt() throws Exception {
        offer("{\"type\":\"identify\",\"userId\":\"u\",\"anonymousId\":\"a\"}");
        assertFalse(offer("{\"type\":\"alias\",\"userId\":\"v\",\"previousId\":\"a\"}"));
        assertEquals(1, released.size());
        offer("{\"type\":\"identify\",\"userId\":\"w\"}");
        assertTrue(offer("{\"type\":\"identify\",\"userId\":\"w\",\"anonymousId\":\"b\"}"),
                "another set of ids is held on its own");
        assertEquals(2, released.size(), "and releases the earlier call first");
        assertEquals(1, c.held());
    }

    @Test
    void aHeldCallWaitsAtMostTheWindowSoMemoryIsBounded() throws Exception {
        offer("{\"type\":\"identify\",\"userId\":\"u\"}");
        for (int i = 0; i < IdentifyCompactor.WINDOW - 1; i++) {
            offer("{\"type\":\"track\",\"userId\":\"other-" + i + "\",\"event\":\"E\"}");
        }
        assertEquals(0, released.size());
        offer("{\"type\":\"track\",\"userId\":\"x\",\"event\":\"E\"}");
        assertEquals(1, released.size(), "released once the window passed");
        for (int i = 0; i < 5000; i++) {
            offer("{\"type\":\"identify\",\"userId\":\"many-" + i + "\"}");
        }
        assertTrue(c.held() <= IdentifyCompactor.WINDOW, "held: " + c.held());
    }

    @Test
    void aStopTakesHeldCallsBackUnreleased() throws Exception {
        offer("{\"type\":\"identify\",\"userId\":\"u\"}");
        offer("{\"type\":\"identify\",\"userId\":\"u\"}");
        List<IdentifyCompactor.Group> back = c.drain();
        assertEquals(1, back.size());
        assertEquals(2, back.get(0).calls().size());
        assertEquals(0, c.held());
        c.releaseAll(released::add);
        assertTrue(released.isEmpty());
    }
}
