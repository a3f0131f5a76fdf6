package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import io.cfsync.send.Delivery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which identities order an event's delivery: every one the event names, the main user key first. */
class DeliveriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Delivery of(String json) throws Exception {
        Event e = ((Decoded.Ok) new EventDecoder().decode(JSON.readTree(json))).event();
        return Deliveries.of("in", 1, e, null, List.of());
    }

    @Test
    void anEventIsOrderedByEveryIdentityItNames() throws Exception {
        assertEquals(List.of("u-1", "a-1"),
                of("{\"type\":\"identify\",\"userId\":\"u-1\",\"anonymousId\":\"a-1\"}").orderKeys());
        assertEquals(List.of("a-1"), of("{\"type\":\"track\",\"anonymousId\":\"a-1\",\"event\":\"E\"}").orderKeys());
        assertEquals(List.of("u-1", "old-1"),
                of("{\"type\":\"alias\",\"userId\":\"u-1\",\"previousId\":\"old-1\"}").orderKeys());
        assertEquals(List.of("u-1", "a-1", "old-1"), of("{\"type\":\"alias\",\"userId\":\"u-1\","
                + "\"anonymousId\":\"a-1\",\"previousId\":\"old-1\"}").orderKeys());
        assertEquals(List.of("7", "a-1"),
                of("{\"type\":\"identify\",\"userId\":7,\"anonymousId\":\"a-1\"}").orderKeys(), "numbers as text");
        assertEquals(List.of("same"),
                of("{\"type\":\"identify\",\"userId\":\"same\",\"anonymousId\":\"same\"}").orderKeys(), "each once");
    }
}
