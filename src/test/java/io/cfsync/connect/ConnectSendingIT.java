package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Connect task sends as {@code cf-sync send} does: it paces Kustomer to the budget the vendor announces in its
 * {@code x-ratelimit-*} headers, and packs Customer.io's Track API v2 and Pipelines calls into batch requests whose
 * answers settle exactly their own records, the offsets committed only past settled records.
 */
@Timeout(120)
class ConnectSendingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ConnectRig rig;
    private static EmbeddedConnectCluster connect;
    private static int topics;
    private RecordingVendor vendor;
    private String connector;

    @BeforeAll
    static void start() throws Exception {
        rig = ConnectRig.start("cf-sync-sending", Map.of("offset.flush.interval.ms", "300"));
        connect = rig.connect();
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void removeConnector() {
        if (connector != null) {
            connect.deleteConnector(connector);
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    @Test
    void kustomerIsPacedToTheBudgetItsHeadersAnnounceWithNo429() throws Exception {
        int n = 20;
        Budget budget = new Budget(5, 1000);
        vendor = new RecordingVendor((path, body, i) -> budget.answer());
        String topic = topic();
        produce(topic, n);
        Map<String, String> cfg = config(topic, "kustomer");
        cfg.put("apiKey", "k-SECRET-1");
        cfg.put(ConnectorConfig.RATE, "100");
        start(cfg);
        rig.await(WAIT, () -> vendor.log().stream().filter(r -> r.status() == 200).count() >= n, "all delivered");
        assertEquals(0, vendor.log().stream().filter(r -> r.status() == 429).count(),
                "no request went over the announced budget: " + vendor.log().size() + " requests");
        assertEquals(n, vendor.log().size(), "one request per event, none retried");
        rig.await(WAIT, () -> committed(topic) == n, "offsets committed past every record");
    }

    @Test
    void trackV2BatchesSettleTheirOwnRecordsAndOffsetsWaitForThem() throws Exception {
        batchesSettleTheirOwnRecords("track-v2", "/api/v2/batch");
    }

    @Test
    void pipelinesBatchesSettleTheirOwnRecordsAndOffsetsWaitForThem() throws Exception {
        batchesSettleTheirOwnRecords("pipelines", "/v1/batch");
    }

    /**
     * Two tasks for one partition: the task holding it gets the whole of cf.rate, not half (the even split at start
     * is recomputed once the partitions are handed out). Paced evenly, so the gaps between requests show the rate:
     * at half the rate no gap could be under 500 ms.
     */
    @Test
    void aTaskWhoseSiblingHoldsNoPartitionSendsAtTheWholeRate() throws Exception {
        int n = 13;
        vendor = new RecordingVendor((path, body, i) -> RecordingVendor.Answer.OK);
        String topic = topic();
        produce(topic, n);
        Map<String, String> cfg = config(topic, "customerio");
        cfg.put("siteId", "site-1");
        cfg.put("apiKey", "key-SECRET-1");
        cfg.put(ConnectorConfig.RATE, "4");
        cfg.put("tasks.max", "2");
        connector = "cf-" + topic;
        connect.configureConnector(connector, cfg);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 2, "connector not running");
        rig.await(WAIT, () -> vendor.log().size() >= n, "all delivered");
        List<Long> gaps = new ArrayList<>();
        List<RecordingVendor.Request> log = vendor.log();
        for (int i = 1; i < log.size(); i++) {
            gaps.add((log.get(i).nanos() - log.get(i - 1).nanos()) / 1_000_000);
        }
        gaps.sort(null);
        long median = gaps.get(gaps.size() / 2);
        System.out.println("two tasks, one partition, cf.rate=4: median gap " + median + " ms " + gaps);
        assertTrue(median < 400, "median gap " + median + " ms: paced at 4/s would be 250 ms, at 2/s 500 ms; "
                + gaps);
        rig.await(WAIT, () -> committed(topic) == n, "offsets committed past every record");
    }

    /**
     * 60 records in batches of at most 20; the answer to the second batch is held back: meanwhile the committed
     * offset never passes that batch's first record; once answered, every record was in exactly one accepted
     * batch and the offsets pass them all.
     */
    private void batchesSettleTheirOwnRecords(String api, String batchPath) throws Exception {
        int n = 60;
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> held = new ArrayList<>();
        vendor = new RecordingVendor((path, body, i) -> {
            if (i == 2) {
                synchronized (held) {
                    body.path("batch").forEach(e -> held.add(offsetOf(e)));
                }
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return RecordingVendor.Answer.OK;
        });
        String topic = topic();
        produce(topic, n);
        Map<String, String> cfg = config(topic, "customerio");
        cfg.put("api", api);
        if (api.equals("pipelines")) {
            cfg.put("pipelinesApiKey", "cdp-SECRET-1");
        } else {
            cfg.put("siteId", "site-1");
            cfg.put("apiKey", "key-SECRET-1");
        }
        cfg.put(ConnectorConfig.RATE, "unlimited");
        cfg.put("cf.batch.size", "20");
        start(cfg);
        rig.await(WAIT, () -> !heldCopy(held).isEmpty() && committed(topic) > 0, "the first batch settled");
        int firstHeld = heldCopy(held).stream().mapToInt(Integer::intValue).min().orElseThrow();
        for (int i = 0; i < 10; i++) { // bounded: a few offset flushes while the answer is held
            long c = committed(topic);
            assertTrue(c <= firstHeld, "committed " + c + " past record " + firstHeld + " still unsettled");
            Thread.sleep(200);
        }
        release.countDown();
        rig.await(WAIT, () -> committed(topic) == n, "offsets committed past every record");
        Map<Integer, Integer> accepted = new TreeMap<>();
        for (RecordingVendor.Request r : vendor.log()) {
            assertEquals(batchPath, r.path(), "every call went in a batch");
            assertEquals(200, r.status());
            assertTrue(r.body().path("batch").size() <= 20, "batch size kept: " + r.body().path("batch").size());
            r.body().path("batch").forEach(e -> accepted.merge(offsetOf(e), 1, Integer::sum));
        }
        Map<Integer, Integer> once = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            once.put(i, 1);
        }
        assertEquals(once, accepted, "each record settled by exactly one batch");
    }

    /** The record's offset, carried in the event as {@code n} (an attribute in v2, a property in Pipelines). */
    private static int offsetOf(JsonNode entity) {
        JsonNode n = entity.has("attributes") ? entity.path("attributes").path("n")
                : entity.path("properties").path("n");
        return n.asInt(-1);
    }

    private static List<Integer> heldCopy(List<Integer> held) {
        synchronized (held) {
            return new ArrayList<>(held);
        }
    }

    /**
     * A budget of {@code limit} requests per window, announced on every answer as Kustomer does; over it, 429.
     * Windows follow one another from the first request.
     */
    private static final class Budget {
        private final int limit;
        private final long windowNanos;
        private long windowStart = -1;
        private int used;

        Budget(int limit, long windowMillis) {
            this.limit = limit;
            this.windowNanos = windowMillis * 1_000_000L;
        }

        synchronized RecordingVendor.Answer answer() {
            long now = System.nanoTime();
            if (windowStart < 0) {
                windowStart = now;
            }
            while (now - windowStart >= windowNanos) {
                windowStart += windowNanos;
                used = 0;
            }
            boolean over = used >= limit;
            if (!over) {
                used++;
            }
            long reset = (windowStart + windowNanos - now + 999_999_999L) / 1_000_000_000L;
            return new RecordingVendor.Answer(over ? 429 : 200, Map.of("x-ratelimit-limit", Integer.toString(limit),
                    "x-ratelimit-remaining", Integer.toString(limit - used), "x-ratelimit-reset",
                    Long.toString(reset)), over ? "{\"errors\":[{\"status\":429}]}" : "{\"data\":{\"id\":\"x\"}}");
        }
    }

    // ---- helpers ----

    private static String topic() {
        String t = "sending-" + (++topics);
        connect.kafka().createTopic(t, 1);
        return t;
    }

    /** {@code n} track events on one partition, four users taking turns; event {@code i} carries {@code n=i}. */
    private static void produce(String topic, int n) {
        for (int i = 0; i < n; i++) {
            String user = "user-" + (i % 4);
            connect.kafka().produce(topic, user, "{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\""
                    + user + "\",\"event\":\"Order Completed\",\"timestamp\":\"2024-03-05T14:25:12Z\","
                    + "\"properties\":{\"n\":" + i + "}}");
        }
    }

    private Map<String, String> config(String topic, String dest) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", CfSyncSinkConnector.class.getName());
        cfg.put("tasks.max", "1");
        cfg.put("topics", topic);
        cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put(ConnectorConfig.DEST, dest);
        cfg.put(ConnectorConfig.BASE_URL, vendor.baseUrl());
        cfg.put(ConnectorConfig.CONCURRENCY, "4");
        return cfg;
    }

    private void start(Map<String, String> cfg) throws InterruptedException {
        connector = "cf-" + cfg.get("topics");
        connect.configureConnector(connector, cfg);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1, "connector not running");
    }

    private long committed(String topic) throws Exception {
        return rig.committed(connector, topic);
    }
}
