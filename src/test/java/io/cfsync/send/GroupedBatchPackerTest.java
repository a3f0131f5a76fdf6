package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.VendorRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batches that carry members for all their entities (a Pipelines batch's context): grouping and order. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupedBatchPackerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTITY_URL = "https://vendor.invalid/v1/track";
    private static final BatchSpec SPEC = BatchSpec.of(List.of(ENTITY_URL), "https://vendor.invalid/v1/batch",
            "batch", 4_000, 6, Map.of("Content-Type", "application/json")).sharing(List.of("context", "integrations"));

    /** What the sink behind received, in order: batches and single deliveries. */
    private static final class Recorder implements BatchingSink.Target {
        final List<Object> sent = new ArrayList<>();

        @Override
        public void submitBatch(BatchSpec spec, BatchPacker.Batch batch) {
            sent.add(batch);
        }

        @Override
        public void submit(Delivery d) {
            sent.add(d);
        }

        @Override
        public SinkResult finish() {
            return null;
        }

        @Override
        public io.cfsync.report.Snapshot.Sending sending() {
            return null;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static Delivery call(int line, String user, String ip, boolean entity) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree("{\"type\":\"track\",\"userId\":\"" + user
                + "\",\"event\":\"E\",\"properties\":{\"line\":" + line + "}}");
        if (ip != null) {
            body.set("context", JSON.readTree("{\"ip\":\"" + ip + "\",\"userAgent\":\"UA-" + ip
                    + "\",\"locale\":\"de-DE\"}"));
        }
        String url = entity ? ENTITY_URL : "https://vendor.invalid/v1/alias";
        return Delivery.of("f", line, List.of(VendorRequest.json("POST", url, body))).messageId("m-" + line)
                .userKey(user).orderKeys(List.of(user)).build();
    }

    @Test
    void everyCallIsSentWithItsOwnContextOnceAndEachUserInInputOrder() throws Exception {
        Random rnd = new Random(20);
        List<Delivery> in = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            String ip = rnd.nextInt(5) == 0 ? null : "10.0.0." + rnd.nextInt(6);
            in.add(call(i, "u" + rnd.nextInt(25), ip, rnd.nextInt(20) != 0));
        }
        Recorder r = new Recorder();
        BatchingSink sink = new BatchingSink(SPEC, r);
        for (Delivery d : in) {
            sink.submit(d);
        }
        sink.flush();

        Map<String, Long> lastLine = new HashMap<>();
        int seen = 0;
        int batches = 0;
        for (Object o : r.sent) {
            List<Delivery> ds;
            if (o instanceof BatchPacker.Batch b) {
                batches++;
                byte[] body = b.body("batch");
                assertTrue(body.length <= SPEC.maxBodyBytes() && b.size() <= SPEC.maxEntities(), "within limits");
                JsonNode sent = JSON.readTree(body);
                for (JsonNode c : sent.get("batch")) {
                    // What the vendor applies to the call is the batch's context: it must be the call's own.
                    assertEquals(c.get("context"), sent.get("context"), "context of line " + c.at("/properties/line"));
                }
                ds = b.deliveries();
            } else {
                ds = List.of((Delivery) o);
            }
            for (Delivery d : ds) {
                seen++;
                Long before = lastLine.put(d.userKey(), d.line());
                assertTrue(before == null || before < d.line(), d.userKey() + " out of order at line " + d.line());
            }
        }
        assertEquals(in.size(), seen, "every delivery exactly once");
        assertTrue(batches < 300, "calls sharing a context still share batches: " + batches + " batches");
    }

    @Test
    void aCallWithoutContextNeverJoinsABatchThatHasOne() throws Exception {
        Recorder r = new Recorder();
        BatchingSink sink = new BatchingSink(SPEC, r);
        sink.submit(call(1, "a", "10.0.0.1", true));
        sink.submit(call(2, "b", null, true));
        sink.submit(call(3, "c", "10.0.0.1", true));
        sink.submit(call(4, "d", "10.0.0.2", true));
        sink.flush();
        List<String> bodies = new ArrayList<>();
        for (Object o : r.sent) {
            bodies.add(new String(((BatchPacker.Batch) o).body("batch"), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(3, bodies.size(), bodies.toString());
        assertTrue(bodies.get(0).endsWith("],\"context\":{\"ip\":\"10.0.0.1\",\"userAgent\":\"UA-10.0.0.1\","
                + "\"locale\":\"de-DE\"}}"), bodies.get(0));
        assertTrue(bodies.get(0).contains("\"line\":1") && bodies.get(0).contains("\"line\":3"));
        assertTrue(bodies.get(1).endsWith("]}"), "no context at the top of a batch without: " + bodies.get(1));
    }

    @Test
    void aRareContextDoesNotWaitForeverWhileCommonOnesFlow() throws Exception {
        GroupedBatchPacker p = new GroupedBatchPacker(SPEC);
        Delivery rare = call(1, "rare", "10.9.9.9", true);
        List<BatchPacker.Batch> out = new ArrayList<>(p.add(rare, JSON.writeValueAsBytes(rare.requests().get(0)
                .body()), shared(rare)));
        int limit = GroupedBatchPacker.MAX_AGE_BATCHES * SPEC.maxEntities();
        int closedAt = -1;
        for (int i = 0; i < 2 * limit && closedAt < 0; i++) {
            Delivery d = call(i + 2, "u" + (i % 3), "10.0.0.1", true);
            out.addAll(p.add(d, JSON.writeValueAsBytes(d.requests().get(0).body()), shared(d)));
            if (out.stream().anyMatch(b -> b.deliveries().contains(rare))) {
                closedAt = i + 1;
            }
        }
        assertEquals(limit, closedAt, "closed as the " + limit + "th entity after it arrives");
    }

    private static ObjectNode shared(Delivery d) {
        ObjectNode shared = JSON.createObjectNode();
        shared.set("context", d.requests().get(0).body().get("context"));
        return shared;
    }

    @Test
    void openBatchesAreBounded() throws Exception {
        Recorder r = new Recorder();
        GroupedBatchPacker p = new GroupedBatchPacker(SPEC);
        int out = 0;
        for (int i = 0; i < 40; i++) {
            Delivery d = call(i + 1, "u" + i, "10.0.1." + i, true);
            ObjectNode shared = JSON.createObjectNode();
            shared.set("context", d.requests().get(0).body().get("context"));
            out += p.add(d, JSON.writeValueAsBytes(d.requests().get(0).body()), shared).size();
        }
        assertEquals(40 - GroupedBatchPacker.MAX_OPEN, out, "the oldest batch closes to open another");
        assertEquals(GroupedBatchPacker.MAX_OPEN, p.flush().size());
        assertTrue(p.isEmpty() && r.sent.isEmpty());
    }
}
