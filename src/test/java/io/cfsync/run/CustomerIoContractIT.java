package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customer.io's published contract, end to end against a vendor on loopback: a Pipelines batch applies its one
 * {@code context} to every call in it, and Track API v2 has no anonymous person.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CustomerIoContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, Path in, String... settings) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--base-url", vendor.baseUrl(),
                "--progress", "none", "--no-state", "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        args.add(in.toString());
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    private Path write(List<String> lines) throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        return in;
    }

    @Test
    void pipelinesCallsReachTheVendorWithTheirOwnIpUserAgentAndLocale() throws Exception {
        String[] types = {"identify", "track", "page", "screen", "group"};
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            int u = i % 6;
            String type = types[i % types.length];
            String context = u == 5 ? "" : ",\"context\":{\"ip\":\"198.51.100." + u + "\",\"userAgent\":\"Agent/"
                    + u + "\",\"locale\":\"" + (u % 2 == 0 ? "de-DE" : "pt-BR") + "\"}";
            lines.add("{\"type\":\"" + type + "\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + u + "\","
                    + "\"event\":\"E\",\"name\":\"N\",\"groupId\":\"g\",\"timestamp\":\"2024-03-05T14:00:00Z\","
                    + "\"properties\":{\"seq\":" + i + "},\"traits\":{\"seq\":" + i + "}" + context + "}");
        }
        try (VendorStub vendor = new VendorStub()) {
            Cli.Result r = send(vendor, write(lines), "api=pipelines", "pipelinesApiKey=cdp-key-ctx");
            assertEquals(0, r.exit(), r.err());
            Map<String, Integer> lastSeq = new HashMap<>();
            int calls = 0;
            for (VendorStub.Seen s : vendor.seen()) {
                assertTrue(s.url().endsWith("/v1/batch"), s.url());
                JsonNode batch = JSON.readTree(s.body());
                for (JsonNode call : batch.get("batch")) {
                    calls++;
                    int u = Integer.parseInt(call.get("userId").asText().substring(2));
                    // The vendor reads a batch's context for all of its calls.
                    JsonNode applied = batch.get("context");
                    if (u == 5) {
                        assertTrue(applied == null, "a call without context gets none: " + applied);
                    } else {
                        assertTrue(applied != null, "call of u-" + u + " sent in a batch without its context");
                        assertEquals("198.51.100." + u, applied.path("ip").asText());
                        assertEquals("Agent/" + u, applied.path("userAgent").asText());
                        assertEquals(u % 2 == 0 ? "de-DE" : "pt-BR", applied.path("locale").asText());
                    }
                    int seq = call.at("/properties/seq").isMissingNode() ? call.at("/traits/seq").asInt()
                            : call.at("/properties/seq").asInt();
                    Integer before = lastSeq.put("u-" + u, seq);
                    assertTrue(before == null || before < seq, "u-" + u + " out of order at " + seq);
                }
            }
            assertEquals(60, calls, "every call delivered once");
            assertTrue(vendor.count() <= 12, "calls of a user with one context share batches: " + vendor.count());
        }
    }

    @Test
    void v2AnonymousEventsGoToV1BeforeTheIdentifyThatJoinsThem() throws Exception {
        List<String> lines = List.of(
                "{\"type\":\"page\",\"messageId\":\"m-1\",\"anonymousId\":\"anon-1\",\"name\":\"Pricing\","
                        + "\"timestamp\":\"2024-03-05T14:00:00Z\"}",
                "{\"type\":\"track\",\"messageId\":\"m-2\",\"userId\":\"u-2\",\"event\":\"E\"}",
                "{\"type\":\"track\",\"messageId\":\"m-3\",\"anonymousId\":\"anon-1\",\"event\":\"Added\"}",
                "{\"type\":\"identify\",\"messageId\":\"m-4\",\"userId\":\"u-1\",\"anonymousId\":\"anon-1\","
                        + "\"traits\":{\"plan\":\"pro\"}}",
                "{\"type\":\"track\",\"messageId\":\"m-5\",\"anonymousId\":\"anon-1\",\"event\":\"Late\"}");
        try (VendorStub vendor = new VendorStub()) {
            Cli.Result r = send(vendor, write(lines), "api=track-v2", "siteId=site", "apiKey=key");
            assertEquals(0, r.exit(), r.err());
            List<String> order = new ArrayList<>();
            for (VendorStub.Seen s : vendor.seen()) {
                JsonNode body = JSON.readTree(s.body());
                if (s.url().endsWith("/api/v1/events")) {
                    order.add("v1:" + body.get("name").asText() + "@" + body.get("anonymous_id").asText());
                } else {
                    assertTrue(s.url().endsWith("/api/v2/batch"), s.url());
                    for (JsonNode e : body.get("batch")) {
                        assertFalse(e.get("identifiers").has("anonymous_id"), "no anonymous person in v2: " + e);
                        order.add("v2:" + e.get("action").asText() + "@" + e.get("identifiers").get("id").asText());
                    }
                }
            }
            assertEquals(5, order.size(), order.toString());
            assertTrue(order.indexOf("v1:Pricing@anon-1") < order.indexOf("v1:Added@anon-1"), order.toString());
            assertTrue(order.indexOf("v1:Added@anon-1") < order.indexOf("v2:identify@u-1"),
                    "anonymous events reach the vendor before the identify that merges them: " + order);
            assertTrue(order.indexOf("v2:identify@u-1") < order.indexOf("v1:Late@anon-1"), order.toString());
        }
    }
}
