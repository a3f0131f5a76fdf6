package io.cfsync.send;

import io.cfsync.report.Console;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cfsync.dest.Auth;
import io.cfsync.dest.Secret;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import io.cfsync.report.Redactor;
import io.cfsync.report.RunStats;
import io.cfsync.testkit.VendorStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multi-step plans (Kustomer-style lookup, then update or create) run by {@link HttpSink} against a vendor on
 * loopback: which steps the vendor received, in which order, and how the event ended.
 */
@Timeout(30)
class PlanIT {
    private static final String TOKEN = "kustomer-TOKEN-5v8";

    VendorStub vendor;
    final Map<String, Failure> failed = new ConcurrentHashMap<>();
    final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
    final RunStats stats = new RunStats();

    @BeforeEach
    void start() {
        vendor = new VendorStub();
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private void run(Delivery... deliveries) {
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void delivered(Delivery d) {
                delivered.put(d.messageId(), true);
            }

            @Override
            public void failed(Delivery d, Failure f) {
                failed.put(d.messageId(), f);
            }
        };
        Auth auth = Auth.bearer(Secret.of(TOKEN));
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        SinkSpec spec = SinkSpec.sending(SinkSpec.Vendor.of("kustomer", auth)
                        .withThrottleWait(io.cfsync.dest.Destinations.find("kustomer").throttleWait()),
                SinkTuning.defaults(50, "cf-sync/test"), Console.quiet(err, new Redactor(List.of(auth.secret()))));
        try (HttpSink sink = new HttpSink(spec, stats, new RunControl(), listener)) {
            for (Delivery d : deliveries) {
                sink.submit(d);
            }
        }
    }

    private Delivery plan(String id, VendorRequest... steps) {
        return Delivery.of("in.ndjson", 1, List.of(steps)).messageId(id).userKey("user-" + id)
                .event(JsonNodeFactory.instance.objectNode()).build();
    }

    private VendorRequest lookup(String path) {
        return new VendorRequest("GET", vendor.baseUrl() + path, Map.of(), null, When.LOOKUP, "/data/id");
    }

    private VendorRequest step(String method, String path, When when) {
        return VendorRequest.json(method, vendor.baseUrl() + path,
                JsonNodeFactory.instance.objectNode().put("name", "Kim")).withWhen(when, null);
    }

    private List<String> received() {
        return vendor.seen().stream().map(s -> s.method() + " " + s.url()).collect(Collectors.toList());
    }

    @Test
    void aFailedStepStopsTheLaterSteps() {
        vendor.answer((req, n) -> req.url().equals("/v1/companies")
                ? aResponse().withStatus(422).withBody("{\"errors\":[\"name missing\"]}").build() : null);
        run(plan("e1", step("POST", "/v1/companies", When.ALWAYS), step("POST", "/v1/people", When.ALWAYS)));
        assertEquals(List.of("POST /v1/companies"), received());
        Failure f = failed.get("e1");
        assertEquals("http-422", f.reason());
        assertEquals(422, f.status());
        assertTrue(f.response().contains("name missing"), f.response());
        assertNull(delivered.get("e1"));
    }

    @Test
    void lookupNotFoundRunsTheCreate() {
        vendor.answer((req, n) -> req.method().equals("GET") ? aResponse().withStatus(404).build() : null);
        run(plan("e2", lookup("/v1/customers/externalId=u%201"), lookup("/v1/customers/email=kim%40x.io"),
                step("PUT", "/v1/customers/{found.id}?replace=false", When.IF_FOUND),
                step("POST", "/v1/customers", When.IF_NOT_FOUND)));
        assertEquals(List.of("GET /v1/customers/externalId=u%201", "GET /v1/customers/email=kim%40x.io",
                "POST /v1/customers"), received());
        assertEquals(Boolean.TRUE, delivered.get("e2"));
        assertEquals("Bearer " + TOKEN, vendor.seen().get(0).authorization());
    }

    @Test
    void lookupFoundRunsTheUpdateWithTheEncodedId() {
        vendor.answer((req, n) -> req.url().startsWith("/v1/customers/externalId")
                ? okJson("{\"data\":{\"id\":\"5f3a b/7\",\"type\":\"customer\"}}").build() : null);
        run(plan("e3", lookup("/v1/customers/externalId=u1"), lookup("/v1/customers/email=kim%40x.io"),
                step("PUT", "/v1/customers/{found.id}?replace=false", When.IF_FOUND),
                step("POST", "/v1/customers", When.IF_NOT_FOUND)));
        assertEquals(List.of("GET /v1/customers/externalId=u1", "PUT /v1/customers/5f3a%20b%2F7?replace=false"),
                received());
        assertEquals(Boolean.TRUE, delivered.get("e3"));
    }

    @Test
    void secondLookupCanFind() {
        vendor.answer((req, n) -> !req.method().equals("GET") ? null
                : req.url().contains("email=") ? okJson("{\"data\":{\"id\":42}}").build()
                : aResponse().withStatus(404).build());
        run(plan("e4", lookup("/v1/customers/externalId=u1"), lookup("/v1/customers/email=kim%40x.io"),
                step("PUT", "/v1/customers/{found.id}?replace=false", When.IF_FOUND),
                step("POST", "/v1/customers", When.IF_NOT_FOUND)));
        assertEquals(List.of("GET /v1/customers/externalId=u1", "GET /v1/customers/email=kim%40x.io",
                "PUT /v1/customers/42?replace=false"), received());
    }

    @Test
    void aLookupThatFailsIsRetriedLikeAnyRequest() {
        vendor.answer((req, n) -> n == 1 ? aResponse().withStatus(503).build()
                : req.method().equals("GET") ? aResponse().withStatus(404).build() : null);
        run(plan("e5", lookup("/v1/customers/externalId=u1"), step("POST", "/v1/customers", When.IF_NOT_FOUND)));
        assertEquals(List.of("GET /v1/customers/externalId=u1", "GET /v1/customers/externalId=u1",
                "POST /v1/customers"), received());
        assertEquals(Boolean.TRUE, delivered.get("e5"));
        assertEquals(1, stats.retries.sum());
    }

    @Test
    void aLookupWithoutAnIdFailsTheEvent() {
        vendor.answer((req, n) -> req.method().equals("GET") ? okJson("{\"data\":null}").build() : null);
        run(plan("e6", lookup("/v1/customers/externalId=u1"), step("POST", "/v1/customers", When.IF_NOT_FOUND)));
        assertEquals(List.of("GET /v1/customers/externalId=u1"), received());
        assertEquals("lookup-no-id", failed.get("e6").reason());
    }

    @Test
    void kustomerRateLimitResetIsHonouredWithoutRetryAfter() {
        vendor.answer((req, n) -> n == 1
                ? aResponse().withStatus(429).withHeader("x-ratelimit-reset", "1").build() : null);
        run(plan("e8", step("POST", "/v1/customers", When.ALWAYS)));
        List<VendorStub.Seen> seen = vendor.seen();
        assertEquals(2, seen.size());
        long waited = (seen.get(1).nanos() - seen.get(0).nanos()) / 1_000_000;
        assertTrue(waited >= 1000, "retried after " + waited + " ms");
        assertEquals(Boolean.TRUE, delivered.get("e8"));
    }

    @Test
    void throttleDefaultsWhenTheVendorNamesNoWait() {
        assertEquals(java.time.Duration.ofSeconds(10), io.cfsync.dest.Destinations.find("custify").throttleWait());
        assertEquals(java.time.Duration.ofSeconds(60), io.cfsync.dest.Destinations.find("kustomer").throttleWait());
        assertNull(io.cfsync.dest.Destinations.find("customerio").throttleWait());
    }

    @Test
    void aNotFoundOutsideALookupIsAnOrdinaryFailure() {
        vendor.answer((req, n) -> aResponse().withStatus(404).build());
        run(plan("e7", step("POST", "/v1/customers", When.ALWAYS)));
        assertEquals("http-404", failed.get("e7").reason());
    }
}
