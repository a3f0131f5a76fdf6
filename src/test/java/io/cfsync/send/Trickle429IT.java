package io.cfsync.send;

import io.cfsync.report.Console;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A single 429 holds only the request that got it and that user's later events: every other user's events are
 * delivered while it waits out its Retry-After, and its own events still arrive in order after it.
 */
@Timeout(60)
class Trickle429IT {
    private static final int USERS = 20;
    private static final int EVENTS = 60;

    @Test
    void aTrickleOf429sDoesNotStallTheOtherUsers() {
        AtomicBoolean throttledOnce = new AtomicBoolean();
        AtomicInteger delivered = new AtomicInteger();
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> req.url().endsWith("/user-0/events") && throttledOnce.compareAndSet(false, true)
                    ? aResponse().withStatus(429).withHeader("Retry-After", "3").build()
                    : okJson("{}").build());
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
            SinkTuning options = SinkTuning.defaults(SinkTuning.UNLIMITED, "cf-sync/test").withConcurrency(4);
            SinkSpec spec = SinkSpec.sending(SinkSpec.Vendor.of("test", Auth.bearer(Secret.of("t0ken"))), options, Console.quiet(new PrintStream(new ByteArrayOutputStream()),
                    new Redactor(List.of())));
            try (HttpSink sink = new HttpSink(spec, new RunStats(), new RunControl(), listener)) {
                for (int i = 0; i < EVENTS; i++) {
                    String user = "user-" + (i % USERS);
                    sink.submit(Delivery.of("in", i + 1, List.of(VendorRequest.json("POST",
                                    vendor.baseUrl() + "/api/v1/customers/" + user + "/events", body(i))))
                            .messageId("m" + i).userKey(user).event(JsonNodeFactory.instance.objectNode()).build());
                }
            }
            assertEquals(EVENTS, delivered.get());
            List<VendorStub.Seen> seen = vendor.seen();
            assertEquals(EVENTS + 1, seen.size(), "every event once, plus the retry of the throttled one");
            List<String> lastThree = new ArrayList<>();
            seen.subList(seen.size() - 3, seen.size()).forEach(s -> lastThree.add(s.user() + "#" + s.seq()));
            assertEquals(List.of("user-0#0", "user-0#20", "user-0#40"), lastThree, "every other user's events "
                    + "went while user-0's throttled event waited; then its retry and its later events, in order");
        }
    }


    private static com.fasterxml.jackson.databind.node.ObjectNode body(int seq) {
        var root = JsonNodeFactory.instance.objectNode();
        root.putObject("data").put("seq", seq);
        return root;
    }
}
