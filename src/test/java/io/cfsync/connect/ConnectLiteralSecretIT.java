package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The literal-secret warning in a worker that runs it ({@code rest.extension.classes}) and resolves
 * {@code ${file:…}} references: a literal apiKey is named once, by key and connector, and its value is in no line
 * the worker's plugin writes; a reference is not warned about and still reaches the vendor resolved.
 */
@Timeout(180)
class ConnectLiteralSecretIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static PrintStream realErr;
    private static PrintStream realOut;
    private static EmbeddedConnectCluster connect;
    private static LoopbackVendor vendor;
    private static Path secrets;

    @BeforeAll
    static void start() throws Exception {
        realErr = System.err;
        realOut = System.out;
        System.setErr(new PrintStream(new Tee(realErr), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(realOut), true, StandardCharsets.UTF_8));
        vendor = new LoopbackVendor();
        secrets = Files.createTempFile("cf-sync-secrets", ".properties");
        Files.writeString(secrets, "apiKey=" + LoopbackVendor.API_KEY + "\n");
        Map<String, String> worker = new HashMap<>();
        worker.put("rest.extension.classes", "io.cfsync.connect.LiteralSecretWarning");
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        connect = new EmbeddedConnectCluster.Builder().name("cf-sync-secrets").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "worker did not start");
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (connect != null) {
                connect.stop();
            }
            if (vendor != null) {
                vendor.close();
            }
            if (secrets != null) {
                Files.deleteIfExists(secrets);
            }
        } finally {
            System.setErr(realErr);
            System.setOut(realOut);
        }
    }

    @Test
    void aLiteralApiKeyIsNamedOnceWithItsConnectorAndItsValueIsInNoLine() throws Exception {
        Map<String, String> cfg = config("cf-literal", LoopbackVendor.API_KEY);
        String body = "{\"name\":\"cf-literal\",\"config\":" + new ObjectMapper().writeValueAsString(cfg) + "}";
        assertEquals(201, connect.requestPost(connect.endpointForResource("connectors"), body,
                Map.of("Content-Type", "application/json")).getStatus(), "connector created through the filter");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("cf-literal", 1, "connector not running");
        connect.configureConnector("cf-literal", cfg); // configured again: no second warning
        deliver("cf-literal", "u-literal");
        List<String> warnings = lines().stream().filter(l -> l.contains("connector 'cf-literal'")).toList();
        assertEquals(1, warnings.size(), "one warning: " + warnings);
        assertTrue(warnings.get(0).contains("apiKey is given literally"), warnings.get(0));
        assertNoLineHoldsTheKey();
    }

    @Test
    void aFileReferenceIsNotWarnedAboutAndReachesTheVendorResolved() throws Exception {
        connect.configureConnector("cf-file", config("cf-file", "${file:" + secrets + ":apiKey}"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("cf-file", 1, "connector not running");
        deliver("cf-file", "u-file");
        assertEquals(List.of(), lines().stream().filter(l -> l.contains("'cf-file'")).toList());
        assertNoLineHoldsTheKey();
    }

    private Map<String, String> config(String topic, String apiKey) {
        connect.kafka().createTopic(topic, 1);
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", CfSyncSinkConnector.class.getName());
        cfg.put("tasks.max", "1");
        cfg.put("topics", topic);
        cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        cfg.put(ConnectorConfig.DEST, "customerio");
        cfg.put("siteId", LoopbackVendor.SITE_ID);
        cfg.put("apiKey", apiKey);
        cfg.put(ConnectorConfig.BASE_URL, vendor.baseUrl());
        cfg.put(ConnectorConfig.RATE, "unlimited");
        return cfg;
    }

    /** One event for {@code user} through the connector; the vendor accepts only the right key. */
    private static void deliver(String topic, String user) throws InterruptedException {
        connect.kafka().produce(topic, user, "{\"type\":\"track\",\"messageId\":\"m-" + user + "\",\"userId\":\""
                + user + "\",\"event\":\"Signed Up\",\"timestamp\":\"2024-03-05T14:25:12Z\","
                + "\"properties\":{\"seq\":1}}");
        await(() -> vendor.accepted().containsKey(user), "event of " + user + " accepted by the vendor");
    }

    private static void assertNoLineHoldsTheKey() {
        for (String line : lines()) {
            assertFalse(line.contains(LoopbackVendor.API_KEY), "a line holds the API key: " + line);
        }
    }

    private static List<String> lines() {
        synchronized (LOG) {
            return List.of(LOG.toString(StandardCharsets.UTF_8).split("\n"));
        }
    }

    private static void await(BooleanSupplier check, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what + "; vendor saw " + vendor.seen());
            }
            Thread.sleep(100);
        }
    }

    /** Writes through to the real stream and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final PrintStream real;

        Tee(PrintStream real) {
            this.real = real;
        }

        @Override
        public void write(int b) {
            real.write(b);
            synchronized (LOG) {
                LOG.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            real.write(b, off, len);
            synchronized (LOG) {
                LOG.write(b, off, len);
            }
        }
    }
}
