package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which identities order a delivery: its main user key first, then every other it names, each once. */
class DeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Delivery of(String json) throws Exception {
        Event e = ((Decoded.Ok) new EventDecoder().decode(JSON.readTree(json))).event();
        return Delivery.of("in", 1, List.of()).messageId(e.messageId()).userKey(e.envelope().userKey())
                .event(e.json()).orderKeys(e.envelope().identityKeys(null)).build();
    }

    @Test
    void theUserKeyStaysTheMainOrderKey() throws Exception {
        Delivery d = of("{\"type\":\"identify\",\"userId\":\"u-1\",\"anonymousId\":\"a-1\",\"messageId\":\"m\"}");
        assertEquals("u-1", d.userKey());
        assertEquals("m", d.messageId());
        assertEquals(List.of("u-1"), Delivery.of("in", 1, List.of()).userKey("u-1").build().orderKeys());
        assertEquals(List.of(), Delivery.of("in", 1, List.of()).build().orderKeys());
    }

    @Test
    void aBatchWaitsOnItsLaneAndEveryIdentityOfItsEvents() throws Exception {
        List<Delivery> ds = List.of(of("{\"type\":\"identify\",\"userId\":\"u-1\",\"anonymousId\":\"a-1\"}"),
                of("{\"type\":\"track\",\"anonymousId\":\"a-1\",\"event\":\"E\"}"),
                of("{\"type\":\"track\",\"userId\":\"u-2\",\"event\":\"E\"}"));
        assertEquals(List.of("batches", "u-1", "a-1", "u-2"), Delivery.orderKeys("batches", ds));
    }
}
