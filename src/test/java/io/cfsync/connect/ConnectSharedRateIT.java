package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sink tasks on one {@code cf.shared.rate} budget: together they keep {@code cf.rate}, and the task with all
 * the work spends the whole of it while its sibling is idle, instead of half.
 */
@Timeout(240)
class ConnectSharedRateIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int RATE = 20;
    @TempDir
    static Path dir;
    private static ConnectRig rig;
    private static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(dir);
        rig = ConnectRig.start("cf-sync-shared-rate", Map.of("offset.flush.interval.ms", "500"));
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void twoTasksShareOneBudgetAndAnIdleTaskLeavesItsShare() throws Exception {
        String topic = "shared-rate";
        rig.connect().kafka().createTopic(topic, 2);
        int n = 120;
        for (int i = 0; i < n; i++) {
            // Every record on partition 0: one task has all the work, the other none.
            String user = "user-" + i;
            rig.connect().kafka().produce(topic, 0, user, "{\"type\":\"track\",\"messageId\":\"m-" + i
                    + "\",\"userId\":\"" + user + "\",\"event\":\"Ping\",\"timestamp\":\"2024-03-05T14:25:12Z\","
                    + "\"properties\":{\"seq\":1}}");
        }
        Map<String, String> cfg = rig.customerIo(topic, 2);
        cfg.put(ConnectorConfig.RATE, Integer.toString(RATE));
        cfg.put(ConnectorConfig.CONCURRENCY, "8");
        cfg.put(ConnectorConfig.SHARED_RATE, redis.url());
        cfg.put(ConnectorConfig.SHARED_RATE_KEY, "connect-test");
        rig.connect().configureConnector("cf-shared", cfg);
        rig.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("cf-shared", 2, "not running");
        rig.await(WAIT, () -> ConnectRig.distinct(rig.vendor().accepted()) >= n, "all events delivered");
        List<LoopbackVendor.Arrival> a = rig.vendor().arrivals();
        assertEquals(n, a.size(), "one request per event");
        int most = 0;
        for (int i = 0, j = 0; i < a.size(); i++) {
            while (a.get(i).arrivedMillis() - a.get(j).arrivedMillis() >= 1000) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        int block = RATE / 10;
        assertTrue(most <= RATE + 2 * block, most + " requests in one second at a shared cf.rate " + RATE);
        double seconds = (a.get(n - 1).arrivedMillis() - a.get(0).arrivedMillis()) / 1000.0;
        double achieved = (n - 1) / seconds;
        assertTrue(achieved >= RATE * 0.85, "the busy task sent " + achieved + "/s of the shared " + RATE
                + "/s while its sibling was idle (an even split gives it " + RATE / 2 + "/s)");
    }
}
