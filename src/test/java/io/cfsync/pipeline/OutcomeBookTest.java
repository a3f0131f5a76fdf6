package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.DeadLetters;
import io.cfsync.report.OutcomeLog;
import io.cfsync.report.Redactor;
import io.cfsync.report.RunStats;
import io.cfsync.send.Delivery;
import io.cfsync.send.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every way an event can end is booked in one place: counters and the outcomes file agree, one line per event. */
@Timeout(10)
class OutcomeBookTest {
    @TempDir
    Path tmp;

    private static Delivery delivery(int line) {
        return Delivery.of("in.ndjson", line,
                List.of(VendorRequest.json("POST", "https://vendor.invalid/a", JsonNodeFactory.instance.objectNode()),
                        VendorRequest.json("POST", "https://vendor.invalid/b", JsonNodeFactory.instance.objectNode())))
                .messageId("m" + line).userKey("u").event(JsonNodeFactory.instance.objectNode()).build();
    }

    @Test
    void eachOutcomeIsCountedAndLoggedOnce() throws IOException {
        RunStats stats = new RunStats();
        Path log = tmp.resolve("outcomes.ndjson");
        try (DeadLetters dead = new DeadLetters(null, new Redactor(List.of()));
             OutcomeLog outcomes = OutcomeLog.to(log)) {
            OutcomeBook book = new OutcomeBook(stats, dead, outcomes, null, "delivered");
            book.delivered(delivery(1));
            book.failed(delivery(2), new Failure("http-400", "POST /a: HTTP 400", 400, null));
            book.pending(delivery(3), true);
            book.pending(delivery(4), false);
            book.skipped("in.ndjson", 5, "m5", "blank-line");
            assertEquals(1, dead.written());
        }
        assertEquals(1, stats.delivered.sum());
        assertEquals(2, stats.requests.sum(), "both requests of the delivered plan");
        assertEquals(1, stats.deadLettered.total());
        assertEquals(1, stats.interrupted.sum());
        assertEquals(1, stats.notAttempted.sum());
        assertEquals(1, stats.skipped.total());
        List<String> lines = Files.readAllLines(log);
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"delivered\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"dead-lettered\"") && lines.get(1).contains("http-400"), lines.get(1));
        assertTrue(lines.get(2).contains("\"pending\"") && lines.get(2).contains("interrupted"), lines.get(2));
        assertTrue(lines.get(3).contains("\"pending\"") && lines.get(3).contains("not-attempted"), lines.get(3));
        assertTrue(lines.get(4).contains("\"skipped\"") && lines.get(4).contains("blank-line"), lines.get(4));
    }
}
