package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cfsync.dest.Auth;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.Secret;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.RunStats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The factory, used as a host other than the command line would: build a spec, feed deliveries, hear outcomes. */
@Timeout(10)
class SinksTest {
    private static final String ENTITY_URL = "https://vendor.invalid/v2/entity";
    private final List<String> delivered = new ArrayList<>();
    private final DeliveryListener listener = new DeliveryListener() {
        @Override
        public void delivered(Delivery d) {
            delivered.add(d.messageId());
        }

        @Override
        public void failed(Delivery d, Failure f) {
            throw new AssertionError("failed: " + f);
        }
    };
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static Delivery delivery(int i) {
        return Delivery.of("in.ndjson", i,
                List.of(VendorRequest.json("POST", ENTITY_URL, JsonNodeFactory.instance.objectNode().put("i", i))))
                .messageId("m" + i).userKey("user-" + i).event(JsonNodeFactory.instance.objectNode()).build();
    }

    private Sink open(BatchSpec batching) {
        SinkSpec.Vendor vendor = SinkSpec.Vendor.of("vendor", Auth.bearer(Secret.of("s3cret-token")))
                .withBatching(batching);
        return Sinks.open(SinkSpec.printing(vendor, new SinkSpec.Printing(out, false)), new RunStats(),
                new RunControl(), listener);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aPrintingSpecPrintsEachRequestRedactedAndReportsEachDelivery() {
        Sink sink = open(null);
        sink.submit(delivery(1));
        sink.submit(delivery(2));
        SinkResult result = sink.finish();
        assertEquals(List.of("m1", "m2"), delivered);
        assertEquals(2, lines().size());
        assertTrue(lines().get(0).startsWith("{\"dest\":\"vendor\",\"source\":{\"file\":\"in.ndjson\",\"line\":1"),
                lines().get(0));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("s3cret-token"));
        assertNull(result.firstPending());
        assertNull(result.stop());
    }

    @Test
    void aDestinationThatBatchesGetsTheBatchingDecorator() {
        Sink sink = open(BatchSpec.of(ENTITY_URL, "https://vendor.invalid/v2/batch", "batch", 500_000, 2));
        for (int i = 1; i <= 3; i++) {
            sink.submit(delivery(i));
        }
        SinkResult result = sink.finish();
        assertEquals(List.of("m1", "m2", "m3"), delivered);
        assertEquals(2, lines().size(), "two entities per batch: one full batch and the rest at the end");
        assertTrue(lines().get(0).contains("\"lines\":[1,2]"), lines().get(0));
        assertTrue(lines().get(1).contains("\"lines\":[3]"), lines().get(1));
        assertEquals(SinkResult.SETTLED, result);
    }

    @Test
    void aHostLearnsTheSecretsSendingHoldsSoItCanRedactThem() {
        SinkTuning plain = SinkTuning.defaults(10, "cf-sync/test");
        assertEquals(List.of(), Sinks.secrets(plain));
        SinkTuning shared = plain.withShared(new io.cfsync.send.rate.SharedRate(
                io.cfsync.send.rate.SharedRateUrl.parse("redis://app:pw-hunter22@cache.invalid:6379"), "k", ""));
        assertEquals(List.of("pw-hunter22"), Sinks.secrets(shared));
        SinkTuning noPassword = plain.withShared(new io.cfsync.send.rate.SharedRate(
                io.cfsync.send.rate.SharedRateUrl.parse("redis://cache.invalid:6379"), "k", ""));
        assertEquals(List.of(), Sinks.secrets(noPassword));
    }
}
