package io.cfsync.send;

import io.cfsync.report.Console;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cfsync.dest.Auth;
import io.cfsync.dest.Secret;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.Redactor;
import io.cfsync.report.RunStats;
import io.cfsync.testkit.VendorStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --rate 50}: a ceiling in every one-second window, measured where cf-sync sends and where the vendor receives. */
@Timeout(60)
class RateLimitIT {
    private static final int RATE = 50;
    private static final int CONCURRENCY = 8;
    private static final int REQUESTS = 300;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void noOneSecondWindowExceedsTheRateAndTheRateIsReached() {
        List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger delivered = new AtomicInteger();
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> com.github.tomakehurst.wiremock.client.WireMock.okJson("{}")
                    .withUniformRandomDelay(0, 30).build());
            DeliveryListener listener = new DeliveryListener() {
                @Override
                public void delivered(Delivery d) {
                    delivered.incrementAndGet();
                }

                @Override
                public void failed(Delivery d, Failure f) {
                    throw new AssertionError("failed: " + f);
                }
            };
            Auth auth = Auth.bearer(Secret.of("t0ken"));
            SinkTuning options = SinkTuning.defaults(RATE, "cf-sync/test").withConcurrency(CONCURRENCY);
            SinkSpec spec = SinkSpec.sending(SinkSpec.Vendor.of("test", auth), options,
                    Console.quiet(new PrintStream(new ByteArrayOutputStream()), new Redactor(List.of())));
            try (HttpSink sink = new HttpSink(spec, new RunStats(), new RunControl(), listener)) {
                sink.observe((nanos, request) -> sentAt.add(nanos));
                for (int i = 0; i < REQUESTS; i++) {
                    sink.submit(Delivery.of("in", i + 1, List.of(VendorRequest.json("POST",
                                    vendor.baseUrl() + "/v1/track", JsonNodeFactory.instance.objectNode().put("i", i))))
                            .messageId("m" + i).userKey("user-" + (i % 40))
                            .event(JsonNodeFactory.instance.objectNode()).build());
                }
            }
            assertEquals(REQUESTS, delivered.get());
            List<Long> sent = new ArrayList<>(sentAt);
            List<Long> received = new ArrayList<>();
            vendor.seen().forEach(s -> received.add(s.nanos()));
            assertEquals(REQUESTS, sent.size());
            assertEquals(REQUESTS, received.size());
            int maxSent = maxInWindow(sent);
            int maxReceived = maxInWindow(received);
            assertTrue(maxSent <= RATE, "sent " + maxSent + " in one second");
            assertTrue(maxReceived <= RATE + CONCURRENCY, "vendor got " + maxReceived + " in one second");
            Collections.sort(sent);
            double achieved = (REQUESTS - 1) * 1e9 / (sent.get(REQUESTS - 1) - sent.get(0));
            assertTrue(achieved >= RATE * 0.9, "achieved only " + achieved + " requests/s");
        }
    }

    /** The most instants in any half-open window [t, t + 1 s) starting at one of them. */
    static int maxInWindow(List<Long> instants) {
        List<Long> t = new ArrayList<>(instants);
        Collections.sort(t);
        int max = 0;
        int j = 0;
        for (int i = 0; i < t.size(); i++) {
            while (j < t.size() && t.get(j) - t.get(i) < SECOND) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }
}
