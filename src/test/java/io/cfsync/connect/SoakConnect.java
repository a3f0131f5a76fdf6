package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A larger run of the plugin than the *IT tests, for figures: events produced at a steady rate to a keyed topic,
 * delivered by several tasks to a loopback vendor that takes a few milliseconds per request. Prints events/s per
 * task (over each task's first to last delivery) and end-to-end latency (produced to received by the vendor).
 * Bounded in count and time. Not an *IT: run by {@code scripts/soak-connect} only.
 */
class SoakConnect {
    private static int prop(String name, int def) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(def)));
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void soak() throws Exception {
        int events = prop("soak.events", 20_000);
        int tasks = prop("soak.tasks", 2);
        int partitions = prop("soak.partitions", 4);
        int users = prop("soak.users", 500);
        int rate = prop("soak.rate", 1000);
        int delay = prop("soak.delayMs", 5);
        int maxSeconds = prop("soak.maxSeconds", 300);
        int rebalances = prop("soak.rebalances", 2);
        int slowMs = prop("soak.slowMs", 0);
        Path report = Path.of(System.getProperty("soak.report", "target/soak-connect.txt"));
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("cf-sync-soak").numWorkers(1)
                .numBrokers(1).workerProps(new HashMap<>(Map.of("offset.flush.interval.ms", "1000"))).build();
        try (LoopbackVendor vendor = new LoopbackVendor()) {
            vendor.delay(delay);
            vendor.slow("user-0", slowMs);
            connect.start();
            String topic = "soak";
            connect.kafka().createTopic(topic, partitions);
            Map<String, String> cfg = ConnectRig.customerIo(topic, tasks, vendor);
            cfg.put(ConnectorConfig.CONCURRENCY, "8");
            connect.configureConnector("soak", cfg);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("soak", tasks, "not running");
            Rebalancer rebalancer = new Rebalancer(connect, vendor, cfg, tasks, events, rebalances);
            rebalancer.start();
            Map<String, Integer> partitionOf = produce(connect, topic, events, users, rate);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
            while (distinct(vendor) < events && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            rebalancer.join(TimeUnit.SECONDS.toMillis(maxSeconds));
            List<LoopbackVendor.Arrival> seen = vendor.arrivals();
            String text = figures(seen, partitionOf, assignment(connect), events, tasks, partitions, users, rate,
                    delay) + rebalancer.figures(seen, slowMs);
            System.out.println(text);
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, text, StandardCharsets.UTF_8);
            assertEquals(events, distinct(vendor), "every event delivered within " + maxSeconds + " s");
            for (Map.Entry<String, List<Integer>> e : vendor.seen().entrySet()) {
                // A rebalance re-sends from the last commit; the first delivery of each event keeps user order.
                List<Integer> first = e.getValue().stream().distinct().toList();
                assertEquals(first.stream().sorted().toList(), first, "order of " + e.getKey());
            }
        } finally {
            connect.stop();
        }
    }

    /**
     * Adds a task, then takes it away again, and so on, each time another share of the events has reached the
     * vendor ({@code rebalances} times over the run), and counts the events sent again after each: accepted
     * before, accepted again between that rebalance and the next.
     */
    private static final class Rebalancer extends Thread {
        private final EmbeddedConnectCluster connect;
        private final LoopbackVendor vendor;
        private final Map<String, String> cfg;
        private final int tasks;
        private final int events;
        private final int count;
        private final List<Integer> marks = Collections.synchronizedList(new ArrayList<>());
        private final List<String> labels = Collections.synchronizedList(new ArrayList<>());

        Rebalancer(EmbeddedConnectCluster connect, LoopbackVendor vendor, Map<String, String> cfg, int tasks,
                   int events, int count) {
            super("soak-rebalancer");
            setDaemon(true);
            this.connect = connect;
            this.vendor = vendor;
            this.cfg = new HashMap<>(cfg);
            this.tasks = tasks;
            this.events = events;
            this.count = count;
        }

        @Override
        public void run() {
            try {
                for (int i = 1; i <= count; i++) {
                    int due = events * i / (count + 1);
                    while (vendor.arrivals().size() < due) {
                        Thread.sleep(50);
                    }
                    int now = i % 2 == 1 ? tasks + 1 : tasks;
                    marks.add(vendor.arrivals().size());
                    labels.add((i % 2 == 1 ? tasks : tasks + 1) + "->" + now + " tasks");
                    cfg.put("tasks.max", Integer.toString(now));
                    connect.configureConnector("soak", cfg);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String figures(List<LoopbackVendor.Arrival> seen, int slowMs) {
            StringBuilder b = new StringBuilder("  re-sent per rebalance" + (slowMs > 0 ? " (user-0 answered after "
                    + slowMs + " ms)" : "") + ":");
            java.util.Set<String> accepted = new java.util.HashSet<>();
            int[] dup = new int[marks.size() + 1];
            for (int i = 0; i < seen.size(); i++) {
                LoopbackVendor.Arrival a = seen.get(i);
                int phase = 0;
                while (phase < marks.size() && i >= marks.get(phase)) {
                    phase++;
                }
                if (a.status() == 200 && !accepted.add(a.user() + "#" + a.seq())) {
                    dup[phase]++;
                }
            }
            b.append(" before any ").append(dup[0]);
            for (int i = 0; i < marks.size(); i++) {
                b.append(", ").append(labels.get(i)).append(' ').append(dup[i + 1]);
            }
            return b.append(String.format("%n")).toString();
        }
    }

    /** Distinct events the vendor received (user and seq). */
    private static int distinct(LoopbackVendor vendor) {
        return vendor.seen().values().stream().mapToInt(l -> (int) l.stream().distinct().count()).sum();
    }

    /** Produces at {@code rate} per second; each event carries its seq and the wall-clock ms it was produced. */
    private static Map<String, Integer> produce(EmbeddedConnectCluster connect, String topic, int events, int users,
                                                int rate) throws Exception {
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<String, Integer> seqs = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> p = connect.kafka().createProducer(Map.of("linger.ms", 1))) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String user = "user-" + (i % users);
                int seq = seqs.merge(user, 1, Integer::sum);
                String ev = "{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"" + user
                        + "\",\"event\":\"Soak\",\"properties\":{\"seq\":" + seq + ",\"sentAt\":"
                        + System.currentTimeMillis() + "}}";
                p.send(new ProducerRecord<>(topic, user.getBytes(StandardCharsets.UTF_8),
                        ev.getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                            if (md != null) {
                                synchronized (partitionOf) {
                                    partitionOf.put(user, md.partition());
                                }
                            }
                        });
            }
            p.flush();
        }
        return partitionOf;
    }

    /** Partition number to task id, from the connector's consumer group (client ids end with the task id). */
    private static Map<Integer, Integer> assignment(EmbeddedConnectCluster connect) throws Exception {
        Map<Integer, Integer> out = new HashMap<>();
        try (Admin admin = connect.kafka().createAdminClient()) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of("connect-soak")).all().get()
                    .get("connect-soak");
            for (MemberDescription m : g.members()) {
                String id = m.clientId();
                int task = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    out.put(tp.partition(), task);
                }
            }
        }
        return out;
    }

    private static String figures(List<LoopbackVendor.Arrival> seen, Map<String, Integer> partitionOf,
                                  Map<Integer, Integer> taskOf, int events, int tasks, int partitions, int users,
                                  int rate, int delay) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "soak-connect: %d events, %d users, %d partitions, %d tasks, produced "
                + "at %d/s, vendor answers after %d ms; %d requests, %d sent twice (rebalances)%n", events, users,
                partitions, tasks, rate, delay, seen.size(), seen.size() - events));
        Map<Integer, List<LoopbackVendor.Arrival>> byTask = new TreeMap<>();
        List<Long> latency = new ArrayList<>(seen.size());
        for (LoopbackVendor.Arrival a : seen) {
            int task = taskOf.getOrDefault(partitionOf.getOrDefault(a.user(), -1), -1);
            byTask.computeIfAbsent(task, k -> new ArrayList<>()).add(a);
            latency.add(a.arrivedMillis() - a.sentAtMillis());
        }
        for (Map.Entry<Integer, List<LoopbackVendor.Arrival>> e : byTask.entrySet()) {
            List<LoopbackVendor.Arrival> l = e.getValue();
            long first = l.stream().mapToLong(LoopbackVendor.Arrival::arrivedMillis).min().orElse(0);
            long last = l.stream().mapToLong(LoopbackVendor.Arrival::arrivedMillis).max().orElse(0);
            double secs = Math.max(0.001, (last - first) / 1000.0);
            b.append(String.format(Locale.ROOT, "  task %s: %d events in %.1f s = %.0f events/s%n",
                    e.getKey() < 0 ? "?" : e.getKey().toString(), l.size(), secs, l.size() / secs));
        }
        Collections.sort(latency);
        if (!latency.isEmpty()) {
            b.append(String.format(Locale.ROOT, "  end-to-end latency (produced -> vendor): p50 %d ms, p95 %d ms, "
                    + "p99 %d ms, max %d ms%n", pct(latency, 50), pct(latency, 95), pct(latency, 99),
                    latency.get(latency.size() - 1)));
        }
        return b.toString();
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
