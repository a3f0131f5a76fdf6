package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The task's figures where a Connect operator reads them: MBeans of the (embedded, in-process) worker, tagged with
 * the connector and the task, whose counts equal what the loopback vendor logged.
 */
@Timeout(240)
class ConnectMetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void theTasksFiguresAreMBeansOfTheWorkerEqualToTheVendorsLog() throws Exception {
        try (ConnectRig rig = ConnectRig.start("cf-sync-metrics", Map.of("offset.flush.interval.ms", "500"))) {
            LoopbackVendor vendor = rig.vendor();
            // Every fourth event is throttled once, the fifth refused for good.
            vendor.script((user, seq, attempt) -> seq == 5 ? new LoopbackVendor.Answer(400, -1, "{}")
                    : seq % 4 == 0 && attempt == 1 ? new LoopbackVendor.Answer(429, 0, "{}")
                    : LoopbackVendor.Answer.OK);
            String topic = "metrics-events";
            rig.connect().kafka().createTopic(topic, 1);
            int n = 24;
            for (int i = 1; i <= n; i++) {
                rig.connect().kafka().produce(topic, "user-1", "{\"type\":\"track\",\"messageId\":\"m-" + i
                        + "\",\"userId\":\"user-1\",\"event\":\"Order Completed\",\"timestamp\":"
                        + "\"2024-03-05T14:25:12Z\",\"properties\":{\"seq\":" + i + "}}");
            }
            String connector = "cf-metrics";
            rig.connect().configureConnector(connector, config(topic, vendor));
            rig.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1, "not running");
            rig.await(WAIT, () -> vendor.accepted().getOrDefault("user-1", List.of()).size() >= n - 1,
                    "the accepted events delivered");

            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName[] bean = new ObjectName[1];
            rig.await(WAIT, () -> {
                bean[0] = find(jmx, connector);
                return bean[0] != null && value(jmx, bean[0], "events-delivered-total") == n - 1
                        && value(jmx, bean[0], "http-requests-total") == vendor.arrivals().size();
            }, "the MBean's counts catch up with the vendor");
            assertTrue(bean[0].toString().contains("connector=" + connector), bean[0].toString());
            assertTrue(bean[0].toString().contains("task=0"), bean[0].toString());
            assertEquals(n - 1, vendor.accepted().get("user-1").size());
            assertEquals(1.0, value(jmx, bean[0], "events-dead-lettered-total"));
            assertEquals((double) (n / 4), value(jmx, bean[0], "http-throttled-total"), "one 429 per fourth event");
            assertEquals((double) (n / 4), value(jmx, bean[0], "http-retries-total"));
            assertEquals(Double.POSITIVE_INFINITY, value(jmx, bean[0], "rate-ceiling-requests-per-second"));
        }
    }

    private static Map<String, String> config(String topic, LoopbackVendor vendor) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", CfSyncSinkConnector.class.getName());
        cfg.put("tasks.max", "1");
        cfg.put("topics", topic);
        cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put(ConnectorConfig.DEST, "customerio");
        cfg.put("siteId", LoopbackVendor.SITE_ID);
        cfg.put("apiKey", LoopbackVendor.API_KEY);
        cfg.put(ConnectorConfig.BASE_URL, vendor.baseUrl());
        cfg.put(ConnectorConfig.RATE, "unlimited");
        cfg.put("errors.tolerance", "all");
        return cfg;
    }

    /** The worker's MBean holding the task's figures, or null before it is registered. */
    private static ObjectName find(MBeanServer jmx, String connector) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("kafka.connect:*"), null);
        for (ObjectName n : names) {
            if (!n.toString().contains(connector)) {
                continue;
            }
            for (var a : jmx.getMBeanInfo(n).getAttributes()) {
                if (a.getName().equals("events-delivered-total")) {
                    return n;
                }
            }
        }
        return null;
    }

    private static double value(MBeanServer jmx, ObjectName bean, String attribute) throws Exception {
        return ((Number) jmx.getAttribute(bean, attribute)).doubleValue();
    }
}
