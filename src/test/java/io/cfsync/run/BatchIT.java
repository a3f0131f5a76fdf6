package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Customer.io v2 batching against a vendor on loopback: packing, 207, 400 isolation, order, the ledger. */
class BatchIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-batch-1", "--set", "apiVersion=v2", "--base-url", vendor.baseUrl(), "--progress", "none",
                "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(extra));
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    /** Every batch the vendor received, as the list of (user, seq) of its entities. */
    private static List<List<String[]>> batches(VendorStub vendor) throws Exception {
        List<List<String[]>> out = new ArrayList<>();
        for (VendorStub.Seen s : vendor.seen()) {
            assertTrue(s.url().endsWith("/api/v2/batch"), s.url());
            List<String[]> items = new ArrayList<>();
            for (JsonNode e : JSON.readTree(s.body()).get("batch")) {
                items.add(new String[] {e.at("/identifiers/id").asText(), e.at("/attributes/seq").asText()});
            }
            out.add(items);
        }
        return out;
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

    @Test
    void packsWithinTheEntityCapAndTheBodyLimit() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 2500, 50);
        try (VendorStub vendor = new VendorStub()) {
            Cli.Result r = send(vendor, "--no-state", in.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of(1000, 1000, 500), batches(vendor).stream().map(List::size).toList());

            List<String> big = new ArrayList<>();
            String pad = "x".repeat(20_000);
            for (int i = 1; i <= 60; i++) {
                big.add("{\"type\":\"track\",\"messageId\":\"b-" + i + "\",\"userId\":\"u\",\"event\":\"E\","
                        + "\"properties\":{\"seq\":" + i + ",\"pad\":\"" + pad + "\"}}");
            }
            Path bigIn = tmp.resolve("big.ndjson");
            Files.write(bigIn, big, StandardCharsets.UTF_8);
            int before = vendor.count();
            assertEquals(0, send(vendor, "--no-state", bigIn.toString()).exit());
            int total = 0;
            for (VendorStub.Seen s : vendor.seen().subList(before, vendor.count())) {
                assertTrue(s.body().getBytes(StandardCharsets.UTF_8).length <= 500_000, "body over 500 KB");
                total += JSON.readTree(s.body()).get("batch").size();
            }
            assertEquals(60, total);
            assertEquals(3, vendor.count() - before, "24 entities of ~20 KB fit under 500 KB");
        }
    }

    @Test
    void a207DeadLettersExactlyTheRejectedEntities() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 10, 3);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> aResponse().withStatus(207).withHeader("Content-Type", "application/json")
                    .withBody("{\"errors\":[{\"batch_index\":1,\"reason\":\"invalid\",\"field\":\"name\","
                            + "\"message\":\"bad\"},{\"batch_index\":7,\"reason\":\"invalid\"}]}").build());
            Cli.Result r = send(vendor, "--no-state", in.toString());
            assertEquals(1, r.exit(), r.err());
            assertEquals(List.of("m-2", "m-8"), deadMessageIds());
            assertTrue(Files.readString(tmp.resolve("dead.ndjson")).contains("\"reason\":\"vendor-rejected\""));
            assertTrue(r.err().contains("8 events"), r.err());
        }
    }

    @Test
    void a400IsSplitUntilTheOnePoisonedEntityIsIsolated() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 40, 6);
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        lines.set(22, lines.get(22).replace("\"Order Completed\"", "\"POISON\""));
        Files.write(in, lines, StandardCharsets.UTF_8);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> req.body().contains("POISON")
                    ? aResponse().withStatus(400).withBody("{\"errors\":[{\"reason\":\"invalid\"}]}").build()
                    : okJson("{}").build());
            Cli.Result r = send(vendor, "--no-state", in.toString());
            assertEquals(1, r.exit(), r.err());
            assertEquals(List.of("m-23"), deadMessageIds());
            Set<String> delivered = new HashSet<>();
            for (VendorStub.Seen s : vendor.seen()) {
                if (!s.body().contains("POISON")) {
                    for (JsonNode e : JSON.readTree(s.body()).get("batch")) {
                        assertTrue(delivered.add(e.at("/attributes/seq").asText()), "delivered twice");
                    }
                }
            }
            assertEquals(39, delivered.size(), "every other entity delivered exactly once");
        }
    }

    @Test
    void perUserOrderHoldsAcrossBatchesUnderConcurrencyAndTheLedgerCountsEvents() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 600, 9);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{}").withFixedDelay(ThreadLocalRandom.current().nextInt(1, 30))
                    .build());
            Cli.Result r = send(vendor, "--concurrency", "16", "--batch-size", "7", "--state", state.toString(),
                    in.toString());
            assertEquals(0, r.exit(), r.err());
            Map<String, Integer> last = new HashMap<>();
            int n = 0;
            for (List<String[]> b : batches(vendor)) {
                for (String[] e : b) {
                    int seq = Integer.parseInt(e[1]);
                    Integer prev = last.put(e[0], seq);
                    assertTrue(prev == null || prev < seq, e[0] + ": " + seq + " after " + prev);
                    n++;
                }
            }
            assertEquals(600, n);
            int before = vendor.count();
            Cli.Result again = send(vendor, "--state", state.toString(), in.toString());
            assertEquals(0, again.exit(), again.err());
            assertEquals(before, vendor.count(), "the ledger records each event of a batch");
        }
    }

    /** One batch at a time fails too slowly to open the breaker; the give-up clock must not wait for it. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aVendorDownForBatchesIsGivenUpAfterGiveUpAfterAndNothingIsDeadLettered() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 50, 5);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> aResponse().withStatus(503).build());
            Cli.Result r = send(vendor, "--give-up-after", "2s", "--max-retries", "50", "--batch-size", "10",
                    in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.ABORTED, r.exit(), r.err());
            assertTrue(r.err().contains("the vendor kept failing for longer than 2s"), r.err());
            assertTrue(r.err().contains("pending:       50"), r.err());
            assertTrue(!Files.exists(tmp.resolve("dead.ndjson")), "a give-up dead-letters nothing");
        }
    }

    private List<JsonNode> deadLetters() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Path dead = tmp.resolve("dead.ndjson");
        if (Files.exists(dead)) {
            for (String l : Files.readAllLines(dead)) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    /** A 207 that does not name each rejected entity: retried like a lost answer, then dead-lettered, never delivered. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "{\"errors\":[{\"batch_index\":\"0\",\"reason\":\"invalid\",\"message\":\"bad k-batch-1\"}]}",
        "{\"errors\":[{\"batch_index\":999999,\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":-1,\"reason\":\"invalid\"}]}",
        "{\"meta\":{\"errors\":[\"invalid\"]}}",
        ""})
    @org.junit.jupiter.api.Timeout(60)
    void anUnreadable207IsRetriedThenDeadLetteredAsUnreadableNeverDelivered(String body) throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 6, 3);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> aResponse().withStatus(207).withHeader("Content-Type", "application/json")
                    .withBody(body).build());
            Cli.Result r = send(vendor, "--no-state", "--max-retries", "1", in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.INCOMPLETE, r.exit(), r.err());
            assertEquals(2, vendor.count(), "the batch is sent again, with the same ids");
            assertEquals(vendor.seen().get(0).body(), vendor.seen().get(1).body());
            List<JsonNode> dead = deadLetters();
            assertEquals(6, dead.size());
            for (JsonNode d : dead) {
                assertEquals("unreadable-response", d.get("reason").asText(), d.toString());
                assertEquals(207, d.get("status").asInt(), d.toString());
            }
            assertTrue(r.err().contains("delivered:     0 events"), r.err());
            assertTrue(r.err().contains("dead-lettered: 6 (unreadable-response 6)"), r.err());
            assertTrue(!Files.readString(tmp.resolve("dead.ndjson")).contains("k-batch-1"), "the key is redacted");
        }
    }

    /** An unreadable 200 once, then a readable one: the batch is delivered by the retry, nothing dead-lettered. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void anUnreadable200IsALostAnswerThatTheRetryMends() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 6, 3);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n == 1 ? aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                    .withBody("<html>Welcome to the proxy</html>").build() : null);
            Cli.Result r = send(vendor, "--no-state", "--max-retries", "1", in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.OK, r.exit(), r.err());
            assertEquals(2, vendor.count());
            assertEquals(List.of(), deadLetters());
            assertTrue(r.err().contains("delivered:     6 events"), r.err());
        }
    }

    /** A 200 whose errors name no entity is not a success: retried, then dead-lettered with the vendor's words. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void a200CarryingErrorsThatNameNoEntityIsDeadLetteredWithTheVendorsWords() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 4, 2);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{\"errors\":[\"attribute value too long\"]}").build());
            Cli.Result r = send(vendor, "--no-state", "--max-retries", "1", in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.INCOMPLETE, r.exit(), r.err());
            List<JsonNode> dead = deadLetters();
            assertEquals(4, dead.size());
            assertEquals("unreadable-response", dead.get(0).get("reason").asText());
            assertTrue(dead.get(0).toString().contains("attribute value too long"), dead.get(0).toString());
            assertTrue(r.err().contains("dead-lettered: 4 (unreadable-response 4)"), r.err());
        }
    }

    /** A 200 whose errors name entities by index is read like a 207. */
    @Test
    void a200NamingRejectedEntitiesDeadLettersExactlyThose() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 5, 2);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{\"errors\":[{\"batch_index\":3,\"reason\":\"invalid\"}]}").build());
            Cli.Result r = send(vendor, "--no-state", in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.INCOMPLETE, r.exit(), r.err());
            assertEquals(List.of("m-4"), deadMessageIds());
            assertTrue(r.err().contains("delivered:     4 events"), r.err());
        }
    }

    /** 503s for less than --give-up-after, with nobody served meanwhile: the batch waits, it is not dead-lettered. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void anOutageShorterThanGiveUpAfterDeadLettersNothing() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 30, 5);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n <= 2 ? aResponse().withStatus(503).build() : null);
            Cli.Result r = send(vendor, "--no-state", "--max-retries", "0", in.toString());
            assertEquals(io.cfsync.cli.ExitCodes.OK, r.exit(), r.err());
            assertEquals(3, vendor.count());
            assertEquals(List.of(), deadLetters());
            assertTrue(r.err().contains("delivered:     30 events"), r.err());
        }
    }

    /** Nothing ever reached the vendor: the run stops at once, like a 401, with every event pending. */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aClosedPortStopsTheRunAtOnceWithEverythingPending() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 30, 5);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-batch-1", "--set", "api=track-v2", "--base-url", "http://127.0.0.1:" + port, "--progress",
                "none", "--batch-size", "10", "--dead-letter", tmp.resolve("dead.ndjson").toString(), "--no-state",
                in.toString()));
        Cli.Result r = Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
        assertEquals(io.cfsync.cli.ExitCodes.ABORTED, r.exit(), r.err());
        assertTrue(r.err().contains("http://127.0.0.1:" + port), r.err());
        assertTrue(r.err().contains("cf-sync check --dest customerio"), r.err());
        assertTrue(r.err().contains("pending:       30"), r.err());
        assertTrue(r.err().contains("delivered:     0 events"), r.err());
        assertTrue(r.err().contains("dead-lettered: 0\n"), r.err());
        assertEquals(List.of(), deadLetters());
    }
}
