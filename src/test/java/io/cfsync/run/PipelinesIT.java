package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Customer.io's Pipelines API (api=pipelines) against a vendor on loopback: batches, auth, 207, 400, 429. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipelinesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "cdp-key-pipelines-1";

    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "api=pipelines",
                "--set", "pipelinesApiKey=" + KEY, "--base-url", vendor.baseUrl(), "--progress", "none",
                "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(extra));
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    /** {@code n} events over {@code users} users, cycling identify, track, page, screen, group; seq in each. */
    private Path events(int n, int users) throws Exception {
        String[] types = {"identify", "track", "page", "screen", "group"};
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String type = types[(i - 1) % types.length];
            String payload = switch (type) {
                case "identify" -> ",\"traits\":{\"seq\":" + i + "}";
                case "group" -> ",\"groupId\":\"g-1\",\"traits\":{\"seq\":" + i + "}";
                case "track" -> ",\"event\":\"Order Completed\",\"properties\":{\"seq\":" + i + "}";
                default -> ",\"name\":\"Home\",\"properties\":{\"seq\":" + i + "}";
            };
            lines.add("{\"type\":\"" + type + "\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + (i % users)
                    + "\",\"timestamp\":\"2024-03-05T14:00:00Z\"" + payload + "}");
        }
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        return in;
    }

    private List<String> deadMessageIds() throws Exception {
        List<String> out = new ArrayList<>();
        Path dead = tmp.resolve("dead.ndjson");
        if (Files.exists(dead)) {
            for (String l : Files.readAllLines(dead)) {
                out.add(JSON.readTree(l).at("/event/messageId").asText());
            }
        }
        return out;
    }

    private static List<String> messageIds(VendorStub.Seen s) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode call : JSON.readTree(s.body()).get("batch")) {
            ids.add(call.get("messageId").asText());
        }
        return ids;
    }

    @Test
    void callsGoAsTheyAreInBatchesWithTheSourceKeyAsBasicUserAndAliasAlone() throws Exception {
        Path in = events(12, 3);
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        lines.add(6, "{\"type\":\"alias\",\"messageId\":\"m-alias\",\"userId\":\"u-1\",\"previousId\":\"a-1\"}");
        Files.write(in, lines, StandardCharsets.UTF_8);
        try (VendorStub vendor = new VendorStub()) {
            // A call without strict mode would be answered 200 and dropped by the vendor: refuse it here.
            vendor.server.stubFor(post(urlPathMatching("/v1/.*")).withHeader("X-Strict-Mode", absent())
                    .atPriority(1).willReturn(aResponse().withStatus(418)));
            Cli.Result r = send(vendor, "--batch-size", "4", "--state", tmp.resolve("l.db").toString(),
                    in.toString());
            assertEquals(0, r.exit(), r.err());
            List<String> urls = vendor.seen().stream().map(s -> s.url().replace(vendor.baseUrl(), "")).toList();
            List<List<String>> batches = new ArrayList<>();
            for (VendorStub.Seen s : vendor.seen()) {
                if (s.url().endsWith("/v1/batch")) {
                    batches.add(messageIds(s));
                }
            }
            assertEquals(List.of(List.of("m-1", "m-2", "m-3", "m-4"), List.of("m-5", "m-6", "m-7", "m-8"),
                    List.of("m-9", "m-10", "m-11", "m-12")), batches,
                    "the alias, never batched, closes only a batch holding u-1 or a-1");
            // The alias joins u-1 and a-1: it waits for the batch holding u-1's earlier calls (m-1, m-4), and u-1's
            // later calls (m-7, m-10) wait for it.
            assertEquals(List.of("/v1/batch", "/v1/alias", "/v1/batch", "/v1/batch"), urls);
            String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
            for (VendorStub.Seen s : vendor.seen()) {
                assertEquals(basic, s.authorization());
            }
            JsonNode first = JSON.readTree(vendor.seen().get(0).body()).get("batch").get(1);
            assertEquals("track", first.get("type").asText());
            assertEquals("2024-03-05T14:00:00Z", first.get("timestamp").asText());
            assertTrue(!r.err().contains(KEY) && !r.out().contains(KEY), "the key is never printed");

            int before = vendor.count();
            assertEquals(0, send(vendor, "--state", tmp.resolve("l.db").toString(), in.toString()).exit());
            assertEquals(before, vendor.count(), "the ledger records every call of a batch");
        }
    }

    @Test
    void a207DeadLettersExactlyTheCallsItNames() throws Exception {
        Path in = events(10, 3);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> aResponse().withStatus(207).withHeader("Content-Type", "application/json")
                    .withBody("{\"errors\":[{\"batch_index\":2,\"reason\":\"invalid\",\"field\":\"name\","
                            + "\"message\":\"bad\"},{\"batch_index\":8,\"reason\":\"invalid\"}]}").build());
            Cli.Result r = send(vendor, "--no-state", in.toString());
            assertEquals(1, r.exit(), r.err());
            assertEquals(List.of("m-3", "m-9"), deadMessageIds());
            assertTrue(Files.readString(tmp.resolve("dead.ndjson")).contains("\"reason\":\"vendor-rejected\""));
            assertTrue(r.err().contains("8 events"), r.err());
        }
    }

    @Test
    void aStrictMode400IsSplitUntilTheBadCallIsAlone() throws Exception {
        Path in = events(30, 4);
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        lines.set(16, lines.get(16).replace("\"Home\"", "\"POISON\"").replace("\"Order Completed\"", "\"POISON\""));
        Files.write(in, lines, StandardCharsets.UTF_8);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> req.body().contains("POISON")
                    ? aResponse().withStatus(400).withBody("{\"meta\":{\"errors\":[\"bad call\"]}}").build()
                    : okJson("{}").build());
            Cli.Result r = send(vendor, "--no-state", in.toString());
            assertEquals(1, r.exit(), r.err());
            assertEquals(List.of("m-17"), deadMessageIds());
            List<String> delivered = new ArrayList<>();
            for (VendorStub.Seen s : vendor.seen()) {
                if (!s.body().contains("POISON")) {
                    delivered.addAll(messageIds(s));
                }
            }
            assertEquals(29, delivered.size());
            assertEquals(29, delivered.stream().distinct().count(), "each other call delivered exactly once");
        }
    }

    @Test
    void a429RetriesTheWholeBatchAfterRetryAfter() throws Exception {
        Path in = events(6, 2);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n == 1
                    ? aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("slow down").build()
                    : okJson("{}").build());
            Cli.Result r = send(vendor, "--no-state", in.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(2, vendor.count());
            assertEquals(vendor.seen().get(0).body(), vendor.seen().get(1).body(), "the same batch, whole");
            assertTrue(vendor.seen().get(1).nanos() - vendor.seen().get(0).nanos() >= 900_000_000L,
                    "Retry-After honoured");
            assertTrue(r.err().contains("429 1"), r.err());
            assertTrue(!Files.exists(tmp.resolve("dead.ndjson")));
        }
    }

    /** Pipelines: a 207 or 200 that does not name each failed call is never counted delivered. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "207|{\"errors\":[{\"batch_index\":\"0\",\"reason\":\"invalid\"}]}",
        "207|{\"errors\":[{\"batch_index\":999999,\"reason\":\"invalid\"}]}",
        "207|{}",
        "200|{\"meta\":{\"errors\":[\"invalid call\"]}}",
        "200|<html>gateway</html>"})
    void anUnreadableAnswerIsRetriedThenDeadLetteredAsUnreadable(int status, String body) throws Exception {
        Path in = events(6, 2);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> aResponse().withStatus(status).withBody(body).build());
            Cli.Result r = send(vendor, "--no-state", "--max-retries", "1", in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.INCOMPLETE, r.exit(), r.err());
            assertEquals(2, vendor.count(), "the batch is sent again, with the same messageIds");
            assertEquals(messageIds(vendor.seen().get(0)), messageIds(vendor.seen().get(1)));
            assertEquals(List.of("m-1", "m-2", "m-3", "m-4", "m-5", "m-6"), deadMessageIds());
            assertTrue(Files.readString(tmp.resolve("dead.ndjson")).contains("\"reason\":\"unreadable-response\""));
            assertTrue(r.err().contains("delivered:     0 events"), r.err());
            assertTrue(r.err().contains("dead-lettered: 6 (unreadable-response 6)"), r.err());
        }
    }

    /** 503s for less than --give-up-after while nobody is served: the batch waits instead of being dead-lettered. */
    @Test
    void anOutageShorterThanGiveUpAfterDeadLettersNothing() throws Exception {
        Path in = events(12, 3);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n <= 2 ? aResponse().withStatus(503).build() : null);
            Cli.Result r = send(vendor, "--no-state", "--max-retries", "0", in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.OK, r.exit(), r.err());
            assertEquals(List.of(), deadMessageIds());
            assertTrue(r.err().contains("delivered:     12 events"), r.err());
        }
    }
}
