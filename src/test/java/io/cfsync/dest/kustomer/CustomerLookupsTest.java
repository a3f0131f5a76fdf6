package io.cfsync.dest.kustomer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import io.cfsync.testkit.DefaultSettings;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an identify costs in reads of the event's tree, counted exactly: a dry-run of a large file spends much of
 * its time on the first reads of each event, made on another thread than the one that parsed it. The customer body
 * reads some sixty source paths out of {@code traits}, {@code context.traits} and {@code properties}; each of those
 * objects is found once, not once per path, and the body stays what it was.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CustomerLookupsTest {
    /** Above the reads of an identify with the objects found once (47), well below one walk per path (111). */
    private static final int MAX_READS = 75;

    /** Counts every read by key of every object of the trees it builds. Not thread-safe. */
    private static final class Counting extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;
        int reads;

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this) {
                private static final long serialVersionUID = 1L;

                @Override
                public JsonNode get(String key) {
                    reads++;
                    return super.get(key);
                }
            };
        }
    }

    @Test
    void anIdentifyFindsTheObjectsItReadsOnce() throws Exception {
        KustomerDestination d = new KustomerDestination();
        Translator translator = d.translator(DefaultSettings.of(d));
        String json = "{\"type\":\"identify\",\"userId\":\"u1\",\"timestamp\":\"2024-01-15T00:00:00Z\","
                + "\"traits\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"company\":{\"name\":\"Acme\"},"
                + "\"createdAt\":\"2023-01-01T00:00:00Z\",\"phone\":\"+4712345678\",\"gender\":\"female\","
                + "\"address\":{\"city\":\"Bergen\",\"country\":\"NO\"},\"plan\":\"pro\"},"
                + "\"context\":{\"locale\":\"nb-NO\",\"ip\":\"10.0.0.1\"}}";
        Counting counting = new Counting();
        Event e = ((Decoded.Ok) new EventDecoder().decode(new ObjectMapper().reader().with(counting).readTree(json)))
                .event();
        Event plain = ((Decoded.Ok) new EventDecoder().decode(new ObjectMapper().readTree(json))).event();

        counting.reads = 0;
        Translation t = translator.translate(e, PrePassFacts.NONE);

        assertEquals(translator.translate(plain, PrePassFacts.NONE).toString(), t.toString(), "the same plan");
        assertTrue(counting.reads < MAX_READS, "an identify read the event's objects " + counting.reads
                + " times, more than " + MAX_READS);
    }
}
