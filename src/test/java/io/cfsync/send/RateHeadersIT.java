package io.cfsync.send;

import io.cfsync.report.Console;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cfsync.cli.ExitCodes;
import io.cfsync.dest.Auth;
import io.cfsync.dest.Secret;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.Redactor;
import io.cfsync.report.RunStats;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kustomer announces its budget on every answer (x-ratelimit-remaining, x-ratelimit-reset): cf-sync paces to it,
 * so a rate far above the budget provokes no 429 at all; without the headers the same rate runs into the limit.
 */
@Timeout(60)
class RateHeadersIT {
    /** Five requests per one-second window; the budget is counted by the vendor, not by the test. */
    private static final int LIMIT = 5;
    private static final int EVENTS = 15;

    @TempDir
    Path tmp;
    VendorStub vendor;
    BudgetVendor budget;

    @BeforeEach
    void start() {
        vendor = new VendorStub();
        budget = new BudgetVendor(LIMIT, 1000);
        vendor.answer(budget);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void kustomerIsPacedToItsAnnouncedBudgetBeforeAny429() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", EVENTS, EVENTS);
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "kustomer", "--set", "apiKey=k-SECRET-1",
                "--set", "baseUrl=" + vendor.baseUrl(), "--rate", "100", "--concurrency", "4", "--no-state",
                "--progress", "none", "--dead-letter", tmp.resolve("dead.ndjson").toString(), "--report",
                tmp.resolve("report.json").toString(), in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(0, budget.throttled(), "no request went over the budget: " + r.err());
        assertEquals(EVENTS, vendor.count(), "one request per event, none retried");
        assertTrue(budget.windows() >= EVENTS / LIMIT, "spread over the budget's windows: " + budget.windows());
        JsonNode rate = new ObjectMapper().readTree(tmp.resolve("report.json").toFile()).path("rate");
        assertEquals(100, rate.path("ceiling").asDouble(), rate.toString());
        assertTrue(rate.path("adaptive").asBoolean(), rate.toString());
        assertEquals(0, rate.path("cuts").asLong(), "no 429, no cut: " + rate);
    }

    @Test
    void withoutPacingToTheHeadersTheSameRateRunsIntoTheBudget() {
        AtomicInteger failed = new AtomicInteger();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void delivered(Delivery d) {
            }

            @Override
            public void failed(Delivery d, Failure f) {
                failed.incrementAndGet();
            }
        };
        Auth auth = Auth.bearer(Secret.of("k-SECRET-1"));
        SinkTuning options = SinkTuning.defaults(100, "cf-sync/test").withConcurrency(4).withMaxRetries(0)
                .withGiveUpAfter(Duration.ofMinutes(5));
        SinkSpec spec = SinkSpec.sending(SinkSpec.Vendor.of("kustomer", auth), options,
                Console.quiet(new PrintStream(new ByteArrayOutputStream()), new Redactor(List.of())));
        try (HttpSink sink = new HttpSink(spec, new RunStats(), new RunControl(), listener)) {
            for (int i = 0; i < EVENTS; i++) {
                sink.submit(Delivery.of("in", i + 1, List.of(VendorRequest.json("POST",
                                vendor.baseUrl() + "/v1/tracking/identityEvent",
                                JsonNodeFactory.instance.objectNode().put("i", i))))
                        .messageId("m" + i).userKey("user-" + i).event(JsonNodeFactory.instance.objectNode()).build());
            }
        }
        assertTrue(budget.throttled() > 0, "the vendor throttled nothing, so the test above proves nothing");
        assertEquals(budget.throttled(), failed.get(), "with no retries each 429 fails its event");
    }
}
