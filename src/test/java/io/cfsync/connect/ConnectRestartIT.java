package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task restarted while its previous instance is still settling a backlog, on a worker that waits only 100 ms for a
 * stopping task ({@code task.shutdown.graceful.timeout.ms}; a loaded worker with the 5 s default meets the same case
 * with a slow vendor). The worker gives up on the previous instance and starts the new one beside it: the new one
 * runs (its figures included, once the previous one lets them go), delivers every event, and commits past every
 * record; the previous one stops settling as soon as it is superseded.
 */
@Timeout(240)
class ConnectRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ConnectRig rig;
    private static EmbeddedConnectCluster connect;
    private static LoopbackVendor vendor;

    @BeforeAll
    static void start() throws Exception {
        rig = ConnectRig.start("cf-sync-restart", Map.of("offset.flush.interval.ms", "500",
                "task.shutdown.graceful.timeout.ms", "100"));
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
    void aTaskRestartedWhileItsPreviousInstanceIsStillStoppingRunsAndDeliversEverything() throws Exception {
        String topic = "backlog";
        connect.kafka().createTopic(topic, 2);
        int n = 200;
        int users = 8;
        // 50 ms a request at 2 in flight: the backlog takes seconds to settle, far beyond the worker's 100 ms.
        vendor.delay(50);
        rig.produce(topic, n, users);
        String connector = "cf-restart";
        Map<String, String> cfg = rig.customerIo(topic, 1);
        cfg.put(ConnectorConfig.CONCURRENCY, "2");
        connect.configureConnector(connector, cfg);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1, "connector not running");
        rig.await(WAIT, () -> vendor.arrivals().size() >= 20, "the backlog under way");
        connect.restartTask(connector, 0);

        rig.await(WAIT, () -> ConnectRig.distinct(vendor.accepted()) == n, "every event delivered");
        rig.await(WAIT, () -> rig.committed(connector, topic) == n, "offsets committed past every record");
        ConnectorStateInfo.TaskState task = connect.connectorStatus(connector).tasks().get(0);
        assertEquals("RUNNING", task.state(), task.trace());
        for (Map.Entry<String, List<Integer>> e : vendor.accepted().entrySet()) {
            List<Integer> s = e.getValue();
            assertEquals(s.stream().distinct().sorted().toList(), s.stream().distinct().toList(),
                    "first deliveries in order for " + e.getKey());
        }
        int total = vendor.accepted().values().stream().mapToInt(List::size).sum();
        System.out.println("restart past the worker's patience: " + (total - n) + " events delivered twice of " + n);
        // The new instance's figures are registered once the previous instance let go of the names.
        MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        ObjectName[] bean = new ObjectName[1];
        rig.await(WAIT, () -> (bean[0] = TaskMBeans.find(jmx, connector, "events-delivered-total")) != null,
                "the restarted task's figures");
        assertNotNull(bean[0]);
        assertTrue(bean[0].toString().contains("task=0"), bean[0].toString());
        connect.deleteConnector(connector);
    }
}
