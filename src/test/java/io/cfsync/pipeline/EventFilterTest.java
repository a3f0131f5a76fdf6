package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import io.cfsync.event.TimeField;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MARCH = 1709251200000L; // 2024-03-01T00:00:00Z

    private static Event ev(String json) throws Exception {
        return ((Decoded.Ok) new EventDecoder().decode(JSON.readTree(json))).event();
    }

    private static EventFilter since(TimeField f) {
        return EventFilter.NONE.withWindow(MARCH, null, f);
    }

    @Test
    void theDefaultComparesTimestampElseOriginalTimestamp() throws Exception {
        Event e = ev("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"originalTimestamp\":\"2024-02-01T00:00:00Z\","
                + "\"sentAt\":\"2024-03-02T00:00:00Z\"}");
        assertEquals("before-since", since(TimeField.TIMESTAMP).reject(e));
        assertEquals("before-since", since(TimeField.ORIGINAL_TIMESTAMP).reject(e));
        assertNull(since(TimeField.SENT_AT).reject(e));
        assertTrue(since(TimeField.RECEIVED_AT).keptWithoutTime(e));
    }

    @Test
    void anUnreadableComparedFieldIsInvalidButAnUncomparedOneIsIgnored() throws Exception {
        Event e = ev("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"receivedAt\":42}");
        assertNotNull(since(TimeField.RECEIVED_AT).invalidTime(e));
        assertNull(since(TimeField.TIMESTAMP).invalidTime(e));
        assertNull(EventFilter.NONE.withWindow(null, null, TimeField.RECEIVED_AT)
                .invalidTime(e), "without bounds no field is compared");
    }

    @Test
    void theSampleIsAStableShareOfUsers() {
        EventFilter f = EventFilter.NONE.withSample(0.1);
        int kept = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean a = f.sampled("user-" + i);
            assertEquals(a, f.sampled("user-" + i));
            kept += a ? 1 : 0;
        }
        assertTrue(kept > 850 && kept < 1150, "about 10%: " + kept);
        assertTrue(f.sampled("user-1") || !f.sampled("user-1"));
        EventFilter all = EventFilter.NONE;
        assertTrue(all.sampled("anyone"));
    }
}
