package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.Settings;
import io.cfsync.send.Network;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A record is planned as a line of a file is: a batch envelope's events keep their index, as they do in a file. */
@Timeout(10)
class RecordPlannerTest {
    @Test
    void aBatchEnvelopeRecordKeepsEachElementsIndexAndMessageId() throws Exception {
        Destination dest = Destinations.find("customerio");
        Settings settings = Settings.resolve("customerio", dest.settings(), Map.of(), Map.of(),
                Map.of("siteId", "s", "apiKey", "k-123456789"), null);
        Setup setup = Setup.of(dest, settings, new Setup.Shape(false, 0, Network.DIRECT, List.of()));
        String record = "{\"batch\":[{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"u-1\",\"event\":\"A\"},"
                + "{\"type\":\"track\",\"messageId\":\"m-2\",\"event\":\"B\"}]}";
        List<Planner.Planned> plans = new RecordPlanner(setup.target()).plan("events-0", 41,
                record.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, plans.size());
        Planner.Send first = assertInstanceOf(Planner.Send.class, plans.get(0));
        assertEquals(0, first.delivery().index(), "events-0:41[0]");
        assertEquals(41, first.delivery().line());
        Planner.Invalid second = assertInstanceOf(Planner.Invalid.class, plans.get(1));
        assertEquals("m-2", second.messageId(), "the element names itself, as in a file's dead letter");
        assertEquals("missing-identity", second.reason());
    }
}
