package io.cfsync.connect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What every Connect IT stands on: a {@link LoopbackVendor} and an embedded Connect cluster of one broker and one
 * worker with the class's own worker settings, started together and closed together; plus the waits, counts,
 * events and connector settings the ITs share. Not thread-safe.
 */
final class ConnectRig implements AutoCloseable {
    /** A condition a test waits for; it may read Kafka or the vendor. */
    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    private final LoopbackVendor vendor;
    private final EmbeddedConnectCluster connect;

    private ConnectRig(LoopbackVendor vendor, EmbeddedConnectCluster connect) {
        this.vendor = vendor;
        this.connect = connect;
    }

    /** Starts the vendor and a cluster named {@code name} whose worker has {@code workerProps}. */
    static ConnectRig start(String name, Map<String, String> workerProps) throws Exception {
        LoopbackVendor vendor = new LoopbackVendor();
        try {
            EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1)
                    .numBrokers(1).workerProps(new HashMap<>(workerProps)).build();
            connect.start();
            connect.assertions().assertAtLeastNumWorkersAreUp(1, "worker did not start");
            return new ConnectRig(vendor, connect);
        } catch (Exception | Error e) {
            vendor.close();
            throw e;
        }
    }

    LoopbackVendor vendor() {
        return vendor;
    }

    EmbeddedConnectCluster connect() {
        return connect;
    }

    /** Waits until {@code check} holds, at most {@code wait}, else fails naming {@code what}. */
    void await(Duration wait, Check check, String what) throws Exception {
        long end = System.nanoTime() + wait.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what + "; vendor saw " + vendor.seen());
            }
            Thread.sleep(50);
        }
    }

    /** A track event of {@code user} whose properties carry its per-user {@code seq}, with a messageId of both. */
    static String event(String user, int seq) {
        return "{\"type\":\"track\",\"messageId\":\"m-" + user + "-" + seq + "\",\"userId\":\"" + user
                + "\",\"event\":\"Order Completed\",\"timestamp\":\"2024-03-05T14:25:12Z\",\"properties\":{\"seq\":"
                + seq + "}}";
    }

    /** {@code n} events, users taking turns, each keyed by its user; seq counts per user from 1. */
    void produce(String topic, int n, int users) {
        Map<String, Integer> seqs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String user = "user-" + (i % users);
            connect.kafka().produce(topic, user, event(user, seqs.merge(user, 1, Integer::sum)));
        }
    }

    /** A connector of {@code tasks} tasks reading {@code topic} as strings into this rig's Customer.io, unpaced. */
    Map<String, String> customerIo(String topic, int tasks) {
        return customerIo(topic, tasks, vendor);
    }

    /** The same for a vendor outside a rig. */
    static Map<String, String> customerIo(String topic, int tasks, LoopbackVendor vendor) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", CfSyncSinkConnector.class.getName());
        cfg.put("tasks.max", Integer.toString(tasks));
        cfg.put("topics", topic);
        cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put(ConnectorConfig.DEST, "customerio");
        cfg.put("siteId", LoopbackVendor.SITE_ID);
        cfg.put("apiKey", LoopbackVendor.API_KEY);
        cfg.put(ConnectorConfig.BASE_URL, vendor.baseUrl());
        cfg.put(ConnectorConfig.RATE, "unlimited");
        return cfg;
    }

    /** The offsets {@code connector}'s consumer group committed in {@code topic}, summed over its partitions. */
    long committed(String connector, String topic) throws Exception {
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** How many distinct events the vendor accepted, over all users. */
    static int distinct(Map<String, List<Integer>> accepted) {
        return accepted.values().stream().mapToInt(l -> (int) l.stream().distinct().count()).sum();
    }

    @Override
    public void close() {
        try {
            connect.stop();
        } finally {
            vendor.close();
        }
    }
}
