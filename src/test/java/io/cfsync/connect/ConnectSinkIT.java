package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin in Kafka's own embedded Connect cluster (one broker, one worker, shared by every test here), sending
 * to a loopback Customer.io: records keyed by user, delivered once each in per-user order, through faults, with
 * poison records dead-lettered, a task restarted mid-stream, and refused credentials failing the task.
 */
@Timeout(240)
class ConnectSinkIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ConnectRig rig;
    private static EmbeddedConnectCluster connect;
    private static LoopbackVendor vendor;
    private static int topics;
    private String connector;

    @BeforeAll
    static void start() throws Exception {
        // A restarted task's previous instance commits what it settled only if it stops within the worker's
        // task.shutdown.graceful.timeout.ms (5 s by default); as the README says, it is set above the drain's own
        // limit. ConnectRestartIT covers a worker that gives up on it.
        rig = ConnectRig.start("cf-sync-connect", Map.of("offset.flush.interval.ms", "500",
                "task.shutdown.graceful.timeout.ms", "40000"));
        connect = rig.connect();
        vendor = rig.vendor();
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
        vendor.reset();
    }

    @Test
    void keyedEventsAreDeliveredOnceInUserOrderAndCommitted() throws Exception {
        String topic = topic(3);
        int n = 60;
        produce(topic, n, 6);
        Map<String, String> cfg = config(topic, 2);
        // Schemaless JSON maps, as JsonConverter hands them over.
        cfg.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        cfg.put("value.converter.schemas.enable", "false");
        start(cfg, 2);
        rig.await(WAIT, () -> vendor.accepted().values().stream().mapToInt(List::size).sum() >= n,
                "all events delivered");
        assertEachOnceInOrder(n, 6, vendor.accepted());
        assertEquals(n, vendor.arrivals().size(), "no request beyond one per event");
        rig.await(WAIT, () -> committed(topic) == n, "offsets committed past every record");
    }

    @Test
    void faultsAreRetriedWithOrderKept() throws Exception {
        String topic = topic(2);
        int n = 30;
        // The first try of each event fails: 503, 429 with Retry-After, or a dropped connection; then 200.
        vendor.script((user, seq, attempt) -> attempt > 1 ? LoopbackVendor.Answer.OK : switch (seq % 3) {
            case 0 -> new LoopbackVendor.Answer(503, -1, "{}");
            case 1 -> new LoopbackVendor.Answer(429, 1, "{}");
            default -> LoopbackVendor.Answer.DROP;
        });
        produce(topic, n, 5);
        start(config(topic, 1), 1);
        rig.await(WAIT, () -> vendor.accepted().values().stream().mapToInt(List::size).sum() >= n,
                "all events delivered");
        assertEachOnceInOrder(n, 5, vendor.accepted());
        for (Map.Entry<String, List<Integer>> e : vendor.seen().entrySet()) {
            List<Integer> s = e.getValue();
            for (int i = 1; i < s.size(); i++) {
                assertTrue(s.get(i) >= s.get(i - 1), "user " + e.getKey() + " overtaken: " + s);
            }
        }
        rig.await(WAIT, () -> committed(topic) == n, "offsets committed past every record");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithWhyAndTheRestFlows() throws Exception {
        String topic = topic(1);
        String dlq = topic + "-dlq";
        vendor.script((user, seq, attempt) -> seq == 3
                ? new LoopbackVendor.Answer(400, -1, "{\"error\":\"bad attribute\",\"key\":\""
                        + LoopbackVendor.API_KEY + "\"}")
                : LoopbackVendor.Answer.OK);
        connect.kafka().produce(topic, "u-1", event("u-1", 1));
        connect.kafka().produce(topic, "u-1", "{not json");
        connect.kafka().produce(topic, "u-1", "{\"type\":\"track\",\"event\":\"No One\"}");
        connect.kafka().produce(topic, "u-1", event("u-1", 3));
        connect.kafka().produce(topic, "u-1", event("u-1", 4));
        Map<String, String> cfg = config(topic, 1);
        cfg.put("errors.tolerance", "all");
        cfg.put("errors.deadletterqueue.topic.name", dlq);
        cfg.put("errors.deadletterqueue.topic.replication.factor", "1");
        start(cfg, 1);
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        connect.kafka().consume(3, WAIT.toMillis(), dlq).forEach(dead::add);
        assertEquals(3, dead.size());
        assertEquals("invalid-json", header(dead.get(0), ErrantRecords.REASON));
        assertEquals("missing-identity", header(dead.get(1), ErrantRecords.REASON));
        ConsumerRecord<byte[], byte[]> refused = dead.get(2);
        assertEquals("http-400", header(refused, ErrantRecords.REASON));
        assertEquals("400", header(refused, ErrantRecords.STATUS));
        String excerpt = header(refused, ErrantRecords.RESPONSE);
        assertTrue(excerpt.contains("bad attribute"), excerpt);
        assertFalse(excerpt.contains(LoopbackVendor.API_KEY), "the key is redacted: " + excerpt);
        rig.await(WAIT, () -> vendor.accepted().getOrDefault("u-1", List.of()).size() >= 2,
                "the good events delivered");
        assertEquals(List.of(1, 4), vendor.accepted().get("u-1"));
        rig.await(WAIT, () -> committed(topic) == 5, "offsets committed past the dead-lettered records too");
    }

    @Test
    void aTaskRestartedMidStreamLosesNothingAndResendsAtMostWhatWasInFlight() throws Exception {
        String topic = topic(2);
        int n = 200;
        vendor.delay(20);
        produce(topic, n, 8);
        Map<String, String> cfg = config(topic, 1);
        cfg.put(ConnectorConfig.CONCURRENCY, "2");
        start(cfg, 1);
        rig.await(WAIT, () -> vendor.arrivals().size() >= n / 4, "a quarter sent");
        connect.restartTask(connector, 0);
        rig.await(WAIT, () -> vendor.accepted().values().stream().mapToInt(List::size).sum() >= n
                && ConnectRig.distinct(vendor.accepted()) == n, "every event delivered after the restart");
        int total = vendor.accepted().values().stream().mapToInt(List::size).sum();
        int duplicates = total - n;
        System.out.println("task restart: " + duplicates + " events delivered twice of " + n);
        // Re-sent at most: the events unfinished at the restart, bounded by the task's window (64 here).
        assertTrue(duplicates <= 64, duplicates + " duplicates");
        for (Map.Entry<String, List<Integer>> e : vendor.accepted().entrySet()) {
            List<Integer> s = e.getValue();
            assertEquals(s.stream().distinct().sorted().toList(), s.stream().distinct().toList(),
                    "first deliveries in order for " + e.getKey());
        }
        rig.await(WAIT, () -> committed(topic) == n, "offsets committed past every record");
    }

    @Test
    void aVendorDownPastTheGiveUpTimePausesTheTaskAndLosesNothing() throws Exception {
        String topic = topic(1);
        String dlq = topic + "-dlq";
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        vendor.script((user, seq, attempt) -> down.get() ? new LoopbackVendor.Answer(503, -1, "{}")
                : LoopbackVendor.Answer.OK);
        produce(topic, 20, 4);
        Map<String, String> cfg = config(topic, 1);
        cfg.put(ConnectorConfig.GIVE_UP_AFTER, "2s");
        cfg.put("errors.tolerance", "all");
        cfg.put("errors.deadletterqueue.topic.name", dlq);
        cfg.put("errors.deadletterqueue.topic.replication.factor", "1");
        start(cfg, 1);
        rig.await(WAIT, () -> !vendor.arrivals().isEmpty(), "the first request");
        long first = vendor.arrivals().get(0).arrivedMillis();
        // Down for 6 s, three times the give-up time: the task gives up on the vendor, pauses, and tries again.
        rig.await(WAIT, () -> System.currentTimeMillis() - first >= 6000, "the outage");
        down.set(false);
        rig.await(WAIT, () -> vendor.accepted().values().stream().mapToInt(List::size).sum() >= 20, "all delivered");
        assertEachOnceInOrder(20, 4, vendor.accepted());
        for (Map.Entry<String, List<Integer>> e : vendor.seen().entrySet()) {
            List<Integer> seen = e.getValue();
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) >= seen.get(i - 1), "user " + e.getKey() + " overtaken: " + seen);
            }
        }
        assertEquals("RUNNING", connect.connectorStatus(connector).tasks().get(0).state());
        rig.await(WAIT, () -> committed(topic) == 20, "offsets committed past every record");
        assertEquals(0, connect.kafka().endOffset(new TopicPartition(dlq, 0)), "nothing dead-lettered");
    }

    @Test
    void refusedCredentialsFailTheTaskAndDeadLetterNothing() throws Exception {
        String topic = topic(1);
        String dlq = topic + "-dlq";
        produce(topic, 10, 2);
        Map<String, String> cfg = config(topic, 1);
        cfg.put("apiKey", "wrong-key");
        cfg.put("errors.tolerance", "all");
        cfg.put("errors.deadletterqueue.topic.name", dlq);
        cfg.put("errors.deadletterqueue.topic.replication.factor", "1");
        connector = "cf-" + topic;
        connect.configureConnector(connector, cfg);
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(connector, 1, "task did not fail");
        ConnectorStateInfo.TaskState task = connect.connectorStatus(connector).tasks().get(0);
        assertTrue(task.trace().contains("the vendor refused the credentials (HTTP 401)"), task.trace());
        assertFalse(task.trace().contains("wrong-key"), "the key is not in the message");
        assertEquals(0, connect.kafka().endOffset(new TopicPartition(dlq, 0)), "nothing dead-lettered");
        assertEquals(0, committed(topic), "nothing committed");
    }

    // ---- helpers ----

    /**
     * The task's figures where a Connect operator reads them: MBeans of the (embedded, in-process) worker, tagged
     * with the connector and the task, read from the task's snapshot, their counts equal to the vendor's log.
     */
    @Test
    void theTasksFiguresAreMBeansOfTheWorkerEqualToTheVendorsLog() throws Exception {
        String topic = topic(1);
        // The second event is throttled once, the fifth refused for good.
        vendor.script((user, seq, attempt) -> seq == 5 ? new LoopbackVendor.Answer(400, -1, "{}")
                : seq == 2 && attempt == 1 ? new LoopbackVendor.Answer(429, 1, "{}")
                : LoopbackVendor.Answer.OK);
        int n = 24;
        produce(topic, n, 1);
        Map<String, String> cfg = config(topic, 1);
        cfg.put("errors.tolerance", "all");
        start(cfg, 1);
        rig.await(WAIT, () -> vendor.accepted().getOrDefault("user-0", List.of()).size() >= n - 1,
                "the accepted events delivered");
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName[] bean = new javax.management.ObjectName[1];
        rig.await(WAIT, () -> {
            bean[0] = TaskMBeans.find(jmx, connector, "events-delivered-total");
            return bean[0] != null && TaskMBeans.value(jmx, bean[0], "events-delivered-total") == n - 1
                    && TaskMBeans.value(jmx, bean[0], "http-requests-total") == vendor.arrivals().size();
        }, "the MBean's counts catch up with the vendor");
        assertTrue(bean[0].toString().contains("connector=" + connector), bean[0].toString());
        assertTrue(bean[0].toString().contains("task=0"), bean[0].toString());
        assertEquals(1.0, TaskMBeans.value(jmx, bean[0], "events-dead-lettered-total"));
        assertEquals(1.0, TaskMBeans.value(jmx, bean[0], "http-throttled-total"), "the one 429");
        assertEquals(1.0, TaskMBeans.value(jmx, bean[0], "http-retries-total"));
        assertEquals(Double.POSITIVE_INFINITY, TaskMBeans.value(jmx, bean[0], "rate-ceiling-requests-per-second"));
    }

    private static String topic(int partitions) {
        String t = "events-" + (++topics);
        connect.kafka().createTopic(t, partitions);
        return t;
    }

    private static String event(String user, int seq) {
        return ConnectRig.event(user, seq);
    }

    private static void produce(String topic, int n, int users) {
        rig.produce(topic, n, users);
    }

    private Map<String, String> config(String topic, int tasks) {
        Map<String, String> cfg = rig.customerIo(topic, tasks);
        cfg.put(ConnectorConfig.CONCURRENCY, "4");
        return cfg;
    }

    private void start(Map<String, String> cfg, int tasks) throws InterruptedException {
        connector = "cf-" + cfg.get("topics");
        connect.configureConnector(connector, cfg);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, tasks, "connector not running");
    }

    /** Each user's seqs 1..k exactly once, in order. */
    private static void assertEachOnceInOrder(int n, int users, Map<String, List<Integer>> accepted) {
        Map<String, List<Integer>> expected = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String user = "user-" + (i % users);
            List<Integer> l = expected.computeIfAbsent(user, k -> new ArrayList<>());
            l.add(l.size() + 1);
        }
        assertEquals(expected, accepted);
    }


    private long committed(String topic) throws Exception {
        return rig.committed(connector, topic);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        assertNotNull(h, "header " + key + " on " + new String(r.value(), StandardCharsets.UTF_8));
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
