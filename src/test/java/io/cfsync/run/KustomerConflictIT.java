package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kustomer identify when the customer is created by someone else between the lookups and the create: the 409 sends
 * the plan back to its lookups, once, and the customer found is updated.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KustomerConflictIT {
    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor) throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, "{\"type\":\"identify\",\"messageId\":\"m-k1\",\"userId\":\"u-1001\","
                + "\"traits\":{\"email\":\"lena@example.org\",\"name\":\"Lena Berg\"}}\n", StandardCharsets.UTF_8);
        return Cli.run(new byte[0], Map.of(), "send", "--dest", "kustomer", "--set", "apiKey=k-conflict-1",
                "--set", "baseUrl=" + vendor.baseUrl(), "--progress", "none", "--no-state",
                "--dead-letter", tmp.resolve("dead.ndjson").toString(), in.toString());
    }

    private static List<String> steps(VendorStub vendor) {
        return vendor.seen().stream().map(s -> s.method() + " " + s.url().replace(vendor.baseUrl(), "")).toList();
    }

    @Test
    void a409OnCreateLooksUpAgainAndUpdatesTheCustomerThatAppeared() throws Exception {
        AtomicBoolean created = new AtomicBoolean();
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> {
                if (req.method().equals("POST")) {
                    created.set(true); // someone else created it first
                    return aResponse().withStatus(409).withBody("{\"errors\":[{\"code\":\"duplicate\"}]}").build();
                }
                if (req.method().equals("GET")) {
                    return created.get() && req.url().contains("externalId=")
                            ? okJson("{\"data\":{\"id\":\"c-9\"}}").build()
                            : aResponse().withStatus(404).build();
                }
                return okJson("{}").build();
            });
            Cli.Result r = send(vendor);
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of(
                    "GET /v1/customers/externalId=u-1001",
                    "GET /v1/customers/email=lena%40example.org",
                    "POST /v1/customers",
                    "GET /v1/customers/externalId=u-1001",
                    "PUT /v1/customers/c-9?replace=false"), steps(vendor));
            assertTrue(vendor.seen().get(4).body().contains("Lena Berg"), "the update carries the attributes");
            assertTrue(!Files.exists(tmp.resolve("dead.ndjson")), "nothing dead-lettered");
        }
    }

    @Test
    void aSecond409IsDeadLetteredInsteadOfLoopingForever() throws Exception {
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> req.method().equals("POST")
                    ? aResponse().withStatus(409).withBody("{\"errors\":[{\"code\":\"duplicate\"}]}").build()
                    : aResponse().withStatus(404).build());
            Cli.Result r = send(vendor);
            assertEquals(1, r.exit(), r.err());
            assertEquals(List.of(
                    "GET /v1/customers/externalId=u-1001",
                    "GET /v1/customers/email=lena%40example.org",
                    "POST /v1/customers",
                    "GET /v1/customers/externalId=u-1001",
                    "GET /v1/customers/email=lena%40example.org",
                    "POST /v1/customers"), steps(vendor));
            assertTrue(Files.readString(tmp.resolve("dead.ndjson")).contains("\"reason\":\"http-409\""));
        }
    }
}
