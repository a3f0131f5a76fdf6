package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin as people meet it at the worker's REST API and at rebalances, in Kafka's embedded Connect cluster
 * (one broker, one worker, shared by the tests here): tasks joining and leaving a backlog with one slow user and no
 * fault re-send at most one task's in-flight window per rebalance; validation tells every mistake beside its key;
 * the plugin's settings list holds no key set by the connector itself.
 */
@Timeout(240)
class ConnectRebalanceIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** A task's in-flight window at cf.concurrency=2: max(64, 32 × 2). */
    private static final int WINDOW = 64;
    private static ConnectRig rig;
    private static EmbeddedConnectCluster connect;
    private static LoopbackVendor vendor;

    @BeforeAll
    static void start() throws Exception {
        // A task count change stops every task; Connect lets a stopping task finish (and commit) only within
        // task.shutdown.graceful.timeout.ms (5 s by default), so, as the README says, it is set above the drain's
        // own limit: a slow user's window takes longer than 5 s to settle on a loaded machine.
        rig = ConnectRig.start("cf-sync-rebalance", Map.of("offset.flush.interval.ms", "500",
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

    @Test
    void tasksJoiningAndLeavingABacklogResendAtMostOneWindowPerRebalance() throws Exception {
        String topic = "backlog";
        connect.kafka().createTopic(topic, 4);
        int n = 960;
        int users = 16;
        // One slow user: its partition's first unfinished record stays far behind what the others delivered.
        vendor.slow("user-0", 100);
        Map<String, Integer> seqs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String user = "user-" + (i % users);
            connect.kafka().produce(topic, user, event(user, seqs.merge(user, 1, Integer::sum)));
        }
        String name = "cf-rebalance";
        Map<String, String> cfg = config(topic, 1);
        cfg.put(ConnectorConfig.CONCURRENCY, "2");
        run(name, cfg, 1);
        rig.await(WAIT, () -> vendor.arrivals().size() >= n / 3, "a third sent");
        int mark1 = vendor.arrivals().size();
        // Two tasks join: the first gives its partitions up, three share them.
        cfg.put("tasks.max", "3");
        run(name, cfg, 3);
        rig.await(WAIT, () -> vendor.arrivals().size() >= mark1 + n / 3, "another third sent");
        int mark2 = vendor.arrivals().size();
        // One leaves.
        cfg.put("tasks.max", "2");
        run(name, cfg, 2);
        rig.await(WAIT, () -> ConnectRig.distinct(vendor.accepted()) == n, "every event delivered");
        List<LoopbackVendor.Arrival> log = vendor.arrivals();
        int[] dup = duplicatesPerPhase(log, mark1, mark2);
        System.out.println("re-sent per rebalance: 1->3 tasks " + dup[1] + ", 3->2 tasks " + dup[2]
                + " (before any " + dup[0] + ") of " + n);
        assertEquals(0, dup[0], "nothing re-sent before the first rebalance");
        assertTrue(dup[1] <= WINDOW, dup[1] + " events re-sent when two tasks joined");
        assertTrue(dup[2] <= WINDOW, dup[2] + " events re-sent when a task left");
        for (Map.Entry<String, List<Integer>> e : vendor.accepted().entrySet()) {
            List<Integer> s = e.getValue();
            assertEquals(s.stream().distinct().sorted().toList(), s.stream().distinct().toList(),
                    "first deliveries in order for " + e.getKey());
        }
        connect.deleteConnector(name);
    }

    @Test
    void validationReportsEachMistakeBesideItsKey() {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", CfSyncSinkConnector.class.getName());
        cfg.put("name", "cf-validate");
        cfg.put("topics", "t");
        cfg.put("cf.dest", "customerio");
        cfg.put("siteId", "site");
        cfg.put("cf.rate", "fast");
        cfg.put("cf.give.up.after", "soon");
        cfg.put("cf.concurrency", "0");
        cfg.put("orgName", "acme");
        cfg.put("dedup", "true");
        ConfigInfos infos = connect.validateConnectorConfig(CfSyncSinkConnector.class.getSimpleName(), cfg);
        Map<String, List<String>> errors = new TreeMap<>();
        for (ConfigInfo c : infos.configs()) {
            if (!c.configValue().errors().isEmpty()) {
                errors.put(c.configKey().name(), c.configValue().errors());
            }
        }
        assertEquals(Set.of("apiKey", "cf.rate", "cf.give.up.after", "cf.concurrency", "orgName", "dedup"),
                errors.keySet(), errors.toString());
        assertEquals(6, infos.errorCount(), errors.toString());
        errors.values().forEach(l -> assertEquals(1, l.size(), errors.toString()));
        assertTrue(errors.get("orgName").get(0).contains("did you mean cf.dest=kustomer?"), errors.toString());
    }

    @Test
    void thePluginsSettingsListHoldsNoKeySetByTheConnector() throws Exception {
        jakarta.ws.rs.core.Response r = connect.requestGet(connect.endpointForResource(
                "connector-plugins/" + CfSyncSinkConnector.class.getSimpleName() + "/config"));
        assertEquals(200, r.getStatus());
        String body = String.valueOf(r.getEntity());
        assertTrue(body.contains("\"cf.drain.timeout\""), body);
        assertFalse(body.contains("\"cf.tasks\""), body);
        assertFalse(body.contains("\"cf.task.id\""), body);
    }

    // ---- helpers ----

    private static String event(String user, int seq) {
        return ConnectRig.event(user, seq);
    }

    private static Map<String, String> config(String topic, int tasks) {
        return rig.customerIo(topic, tasks);
    }

    /**
     * Accepted events seen accepted before, per phase: before the first mark, between the marks, after the second.
     * A re-send after a rebalance arrives in the phase that rebalance starts.
     */
    private static int[] duplicatesPerPhase(List<LoopbackVendor.Arrival> log, int mark1, int mark2) {
        int[] dup = new int[3];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < log.size(); i++) {
            LoopbackVendor.Arrival a = log.get(i);
            if (a.status() == 200 && !seen.add(a.user() + "#" + a.seq())) {
                dup[i < mark1 ? 0 : i < mark2 ? 1 : 2]++;
            }
        }
        return dup;
    }

    private static void run(String name, Map<String, String> cfg, int tasks) throws InterruptedException {
        connect.configureConnector(name, cfg);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks, "connector not running");
    }
}
