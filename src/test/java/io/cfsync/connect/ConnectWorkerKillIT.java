package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL while its task sends a backlog: a second worker (its own JVM, in the same Connect
 * cluster as Kafka's embedded one) runs one of the two tasks and is killed mid-stream. Nothing is lost, and every
 * event sent twice comes from a record at or after its partition's last committed offset at the kill: what was
 * delivered since the last offset flush, or behind an event still in flight then.
 */
@Timeout(240)
class ConnectWorkerKillIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PARTITIONS = 4;
    private static final Map<String, String> WORKER = Map.of(
            "group.id", "cf-kill", "config.storage.topic", "cf-kill-configs",
            "offset.storage.topic", "cf-kill-offsets", "status.storage.topic", "cf-kill-status",
            "offset.flush.interval.ms", "2000", "scheduled.rebalance.max.delay.ms", "0",
            "consumer.session.timeout.ms", "6000");
    private static ConnectRig rig;
    private static EmbeddedConnectCluster connect;
    private static LoopbackVendor vendor;

    @BeforeAll
    static void start() throws Exception {
        rig = ConnectRig.start("cf-sync-kill", WORKER);
        connect = rig.connect();
        vendor = rig.vendor();
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aKilledWorkersTasksResendOnlyRecordsAfterTheLastCommit(@TempDir Path dir) throws Exception {
        String topic = "kill";
        connect.kafka().createTopic(topic, PARTITIONS);
        int n = 800;
        int users = 16;
        vendor.delay(20);
        vendor.slow("user-0", 100);
        Process worker = startWorker(dir);
        try {
            String name = "cf-kill";
            connect.configureConnector(name, config(topic));
            // The second worker joins the group on its own time; the leader then gives it one of the two tasks.
            rig.await(WAIT, () -> taskWorkers(name).size() == 2, "one task on each worker");
            Map<String, Long> offsetOf = new HashMap<>();
            long[] next = new long[PARTITIONS];
            Map<String, Integer> seqs = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int u = i % users;
                String user = "user-" + u;
                int seq = seqs.merge(user, 1, Integer::sum);
                connect.kafka().produce(topic, u % PARTITIONS, user, event(user, seq));
                offsetOf.put(user + "#" + seq, next[u % PARTITIONS]++);
            }
            rig.await(WAIT, () -> vendor.arrivals().size() >= n / 3, "a third sent");
            worker.destroyForcibly();
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
            Map<Integer, Long> committed = committed("connect-" + name, topic);
            rig.await(WAIT, () -> ConnectRig.distinct(vendor.accepted()) == n, "every event delivered after the kill");
            Set<String> accepted = new HashSet<>();
            int duplicates = 0;
            for (LoopbackVendor.Arrival a : vendor.arrivals()) {
                String id = a.user() + "#" + a.seq();
                if (a.status() == 200 && !accepted.add(id)) {
                    duplicates++;
                    int p = Integer.parseInt(a.user().substring(5)) % PARTITIONS;
                    assertTrue(offsetOf.get(id) >= committed.getOrDefault(p, 0L), id + " at offset "
                            + offsetOf.get(id) + " of partition " + p + " re-sent, committed " + committed);
                }
            }
            System.out.println("worker kill -9: " + duplicates + " events re-sent of " + n + " (committed at the kill "
                    + committed + ")");
            connect.deleteConnector(name);
        } finally {
            worker.destroyForcibly();
        }
    }

    /** The workers running the connector's tasks (those running). */
    private static Set<String> taskWorkers(String name) {
        Set<String> workers = new HashSet<>();
        try {
            for (ConnectorStateInfo.TaskState t : connect.connectorStatus(name).tasks()) {
                if ("RUNNING".equals(t.state())) {
                    workers.add(t.workerId());
                }
            }
        } catch (RuntimeException e) {
            // not created yet
        }
        return workers;
    }

    /** A second Connect worker in its own JVM, in the embedded worker's group, with this JVM's class path. */
    private static Process startWorker(Path dir) throws Exception {
        StringBuilder props = new StringBuilder();
        WORKER.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        props.append("bootstrap.servers=").append(connect.kafka().bootstrapServers()).append('\n')
                .append("listeners=http://localhost:0\n")
                .append("config.storage.replication.factor=1\noffset.storage.replication.factor=1\n")
                .append("status.storage.replication.factor=1\n")
                .append("key.converter=org.apache.kafka.connect.storage.StringConverter\n")
                .append("value.converter=org.apache.kafka.connect.storage.StringConverter\n");
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, props);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.connect.cli.ConnectDistributed", file.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "connect-kill-worker.log").toFile()).start();
    }

    private static Map<String, String> config(String topic) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", CfSyncSinkConnector.class.getName());
        cfg.put("tasks.max", "2");
        cfg.put("topics", topic);
        cfg.put(ConnectorConfig.DEST, "customerio");
        cfg.put("siteId", LoopbackVendor.SITE_ID);
        cfg.put("apiKey", LoopbackVendor.API_KEY);
        cfg.put(ConnectorConfig.BASE_URL, vendor.baseUrl());
        cfg.put(ConnectorConfig.RATE, "unlimited");
        cfg.put(ConnectorConfig.CONCURRENCY, "2");
        return cfg;
    }

    private static String event(String user, int seq) {
        return ConnectRig.event(user, seq);
    }

    private static Map<Integer, Long> committed(String group, String topic) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            offsets.forEach((tp, o) -> {
                if (tp.topic().equals(topic) && o != null) {
                    out.put(tp.partition(), o.offset());
                }
            });
        }
        return out;
    }
}
