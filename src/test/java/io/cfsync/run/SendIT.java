package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code cf-sync send --dest customerio} against a vendor on loopback: what the vendor received, and the report. */
@Timeout(60)
class SendIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "cio-SECRET-k3y-7Q9x";
    private static final String BASIC = Base64.getEncoder()
            .encodeToString(("site-1:" + KEY).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;
    VendorStub vendor;
    Path deadLetters;

    @BeforeEach
    void start() {
        vendor = new VendorStub();
        deadLetters = tmp.resolve("dead.ndjson");
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private Cli.Result send(String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=site-1",
                "--set", "apiKey=" + KEY, "--base-url", vendor.baseUrl(), "--progress", "none",
                "--dead-letter", deadLetters.toString()));
        args.addAll(List.of(extra));
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    private List<JsonNode> deadLetterLines() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(deadLetters)) {
            for (String l : Files.readAllLines(deadLetters)) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    @Test
    void healthyVendorGetsEveryEventExactlyOnceWithCredentialsAndUserAgent() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 300, 37);
        Cli.Result r = send("--concurrency", "8", "--rate", "unlimited", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<VendorStub.Seen> seen = vendor.seen();
        assertEquals(300, seen.size());
        Set<Integer> seqs = new HashSet<>();
        for (VendorStub.Seen s : seen) {
            assertTrue(seqs.add(s.seq()), "sent twice: " + s.seq());
            assertEquals("POST", s.method());
            assertEquals("Basic " + BASIC, s.authorization());
            assertTrue(s.userAgent().matches("cf-sync/\\S+"), s.userAgent());
        }
        assertEquals(300, seqs.size());
        assertTrue(r.err().contains("delivered:     300 events"), r.err());
        assertTrue(r.err().contains("300 sent, 0 of them retries"), r.err());
        assertTrue(r.err().contains("responses:     200 300"), r.err());
        assertFalse(Files.exists(deadLetters));
    }

    @Test
    void eachUserKeepsInputOrderUnderConcurrencyAndRandomLatency() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 400, 12);
        vendor.answer((req, n) -> okJson("{}").withUniformRandomDelay(0, 15).build());
        Cli.Result r = send("--concurrency", "16", "--rate", "unlimited", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        Map<String, List<Integer>> byUser = VendorStub.seqByUser(vendor.seen());
        assertEquals(12, byUser.size());
        int total = 0;
        for (Map.Entry<String, List<Integer>> e : byUser.entrySet()) {
            List<Integer> seqs = e.getValue();
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i - 1) < seqs.get(i), e.getKey() + " received out of order: " + seqs);
            }
            total += seqs.size();
        }
        assertEquals(400, total);
    }

    @Test
    void withAFixedRateRetryAfterOn429PausesTheWholeDestination() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 60, 10);
        vendor.answer((req, n) -> n == 5
                ? aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("slow down").build()
                : okJson("{}").withFixedDelay(5).build());
        Cli.Result r = send("--concurrency", "4", "--rate", "unlimited", "--no-adaptive-rate", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<VendorStub.Seen> seen = vendor.seen();
        assertEquals(61, seen.size(), "every event once, plus the one retried");
        long throttledAt = seen.get(4).nanos();
        // Requests already on the wire when the 429 went out may still land; nothing new may start for 2 s.
        for (VendorStub.Seen s : seen) {
            long after = s.nanos() - throttledAt;
            assertFalse(after > 300_000_000L && after < 2_000_000_000L,
                    "request " + (after / 1_000_000) + " ms after the 429: " + s.url());
        }
        long resumed = seen.stream().filter(s -> s.nanos() - throttledAt > 300_000_000L).count();
        assertTrue(resumed > 0, "sending resumed after the pause");
        assertTrue(r.err().contains("429 1"), r.err());
        assertTrue(r.err().contains("61 sent, 1 of them a retry,"), r.err());
    }

    @Test
    void serverErrorThenSuccessIsRetried() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 5, 5);
        vendor.server.stubFor(post(urlPathEqualTo("/api/v1/customers/user-3/events")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("oops")).willSetStateTo("recovered"));
        vendor.server.stubFor(post(urlPathEqualTo("/api/v1/customers/user-3/events")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs("recovered").willReturn(okJson("{}")));
        Cli.Result r = send(in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        long toUser3 = vendor.seen().stream().filter(s -> "user-3".equals(s.user())).count();
        assertEquals(2, toUser3, "500, then the retry");
        assertEquals(6, vendor.count());
        assertTrue(r.err().contains("500 1"), r.err());
    }

    /** Out of tries while the vendor serves others (user-0, answered after user-1's first try): a verdict. */
    @Test
    void persistentServerErrorsEndAsRetriesExhaustedWithTheLastStatus() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 2, 2);
        vendor.answer((req, n) -> "user-1".equals(req.user())
                ? aResponse().withStatus(502).withBody("bad gateway").build()
                : okJson("{}").withFixedDelay(300).build());
        Cli.Result r = send("--max-retries", "1", in.toString());
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        assertEquals(2, vendor.seen().stream().filter(s -> "user-1".equals(s.user())).count(), "1 + 1 retry");
        JsonNode d = deadLetterLines().get(0);
        assertEquals("retries-exhausted", d.get("reason").asText());
        assertEquals(502, d.get("status").asInt());
        assertEquals("bad gateway", d.get("response").asText());
        assertTrue(d.get("detail").asText().contains("after 2 attempts"), d.toString());
    }

    @Test
    void maxEventTimeCapsTheRetries() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 1, 1);
        vendor.answer((req, n) -> aResponse().withStatus(503).build());
        Cli.Result r = send("--max-retries", "50", "--max-event-time", "2s", in.toString());
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        JsonNode d = deadLetterLines().get(0);
        assertEquals("max-event-time", d.get("reason").asText());
        assertEquals(503, d.get("status").asInt());
        // Backoff from 1 s doubling: 2 s of event time leave room for at most 3 attempts of the 51 allowed. How
        // many fit below that depends on how fast a loaded machine gets the first one out, so only the cap is
        // asserted.
        assertTrue(vendor.count() >= 1 && vendor.count() <= 3, "attempts: " + vendor.count());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void droppedConnectionIsRetried(Fault fault) throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 4, 4);
        vendor.answer((req, n) -> n == 1 ? aResponse().withFault(fault).build() : null);
        Cli.Result r = send(in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(5, vendor.count());
        Set<Integer> seqs = new HashSet<>();
        vendor.seen().forEach(s -> seqs.add(s.seq()));
        assertEquals(Set.of(1, 2, 3, 4), seqs);
        assertTrue(r.err().contains("connection-error 1"), r.err());
    }

    @Test
    void responseTimeoutIsRetried() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 3, 3);
        vendor.answer((req, n) -> n == 1 ? okJson("{}").withFixedDelay(2500).build() : null);
        Cli.Result r = send("--timeout", "700ms", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(4, vendor.count());
        assertTrue(r.err().contains("timeout 1"), r.err());
    }

    @Test
    void badRequestIsDeadLetteredWithStatusAndTheFileReplays() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 6, 6);
        vendor.answer((req, n) -> "user-2".equals(req.user())
                ? aResponse().withStatus(400).withBody("{\"meta\":{\"error\":\"attribute too long\"}}").build()
                : null);
        Cli.Result r = send(in.toString());
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        assertEquals(6, vendor.count(), "a 400 is not retried");
        List<JsonNode> dead = deadLetterLines();
        assertEquals(1, dead.size());
        JsonNode d = dead.get(0);
        assertEquals("http-400", d.get("reason").asText());
        assertEquals(400, d.get("status").asInt());
        assertTrue(d.get("response").asText().contains("attribute too long"), d.toString());
        assertEquals(2, d.get("line").asInt());
        assertEquals("m-2", d.at("/event/messageId").asText());
        assertTrue(r.err().contains("http-400 1"), r.err());

        vendor.answer((req, n) -> null);
        Path replayDead = tmp.resolve("dead-2.ndjson");
        Cli.Result replay = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set",
                "siteId=site-1", "--set", "apiKey=" + KEY, "--base-url", vendor.baseUrl(), "--progress", "none",
                "--dead-letter", replayDead.toString(), deadLetters.toString());
        assertEquals(ExitCodes.OK, replay.exit(), replay.err());
        List<VendorStub.Seen> seen = vendor.seen();
        assertEquals(7, seen.size());
        assertEquals(2, seen.get(6).seq());
        assertEquals("user-2", seen.get(6).user());
    }

    @Test
    void aVendorRefusalKeepsTheEventsOriginalBytesInTheDeadLetter() throws IOException {
        // Parsed and written again, 1.10 would become 1.1, 1e2 100.0, and the escape an é.
        String original = "{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"u-1\",\"event\":\"Paid\","
                + "\"properties\":{\"price\":1.10,\"qty\":1e2,\"note\":\"caf\\u00e9\"}}";
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, original + "\n");
        vendor.answer((req, n) -> aResponse().withStatus(422).withBody("{\"error\":\"no\"}").build());
        Cli.Result r = send(in.toString());
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        String line = Files.readAllLines(deadLetters).get(0);
        assertTrue(line.contains("\"event\":" + original), line);
    }

    @Test
    void unauthorizedAbortsAfterTheRequestsInFlight() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 200, 50);
        Path outcomes = tmp.resolve("outcomes.ndjson");
        vendor.answer((req, n) -> aResponse().withStatus(401).withBody("{\"error\":\"unauthorized\"}")
                .withFixedDelay(20).build());
        Cli.Result r = send("--concurrency", "4", "--outcomes", outcomes.toString(), in.toString());
        assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
        int got = vendor.count();
        assertTrue(got >= 1 && got <= 1 + 4, "requests after the first 401: " + (got - 1));
        // A 401 is a verdict on the credentials, not on the events: nothing is dead-lettered, all stay pending.
        assertTrue(deadLetterLines().isEmpty(), "a stop dead-letters nothing");
        assertTrue(r.err().contains("refused the credentials (HTTP 401)"), r.err());
        assertTrue(r.err().contains("to continue, fix the credentials"), r.err());
        List<String> lines = Files.readAllLines(outcomes);
        long notAttempted = lines.stream().filter(l -> l.contains("\"not-attempted\"")).count();
        long interrupted = lines.stream().filter(l -> l.contains("\"interrupted\"")).count();
        assertTrue(r.err().contains(lines.size() + " lines read"), "every line read is accounted for: " + r.err());
        assertEquals(lines.size(), notAttempted + interrupted, "every line read stays pending");
        assertEquals(got, interrupted, "the refused requests stay pending");
        assertTrue(r.err().contains(lines.size() + " events were left pending"), r.err());
        assertTrue(r.err().contains(String.format("pending:       %,d (not attempted: %,d, interrupted: %,d",
                lines.size(), notAttempted, interrupted)), r.err());
    }

    @Test
    void anUntrustedCertificateIsRefusedNotIgnored() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 10, 10);
        WireMockServer tls = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .port(0).dynamicHttpsPort().disableRequestJournal());
        tls.start();
        try {
            List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=site-1",
                    "--set", "apiKey=" + KEY, "--base-url", "https://localhost:" + tls.httpsPort(), "--progress",
                    "none", "--dead-letter", deadLetters.toString(), in.toString()));
            Cli.Result r = Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
            assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
            assertTrue(r.err().contains("TLS certificate could not be verified"), r.err());
            assertFalse(r.err().contains(KEY));
        } finally {
            tls.stop();
        }
    }

    @Test
    void dryRunSendsNothing() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 20, 5);
        Cli.Result r = send("--dry-run", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(20, r.out().lines().count());
        assertEquals(0, vendor.count());
    }

    @Test
    void secretsNeverReachStderrOrDeadLetters() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 4, 4);
        vendor.answer((req, n) -> switch (n) {
            case 1 -> aResponse().withStatus(503).withBody("upstream saw " + req.authorization()).build();
            default -> aResponse().withStatus(422).withBody("bad key " + KEY + " / " + req.authorization()).build();
        });
        Cli.Result r = send("--verbose", "--concurrency", "1", in.toString());
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        String dead = Files.readString(deadLetters);
        for (String text : List.of(r.err(), r.out(), dead)) {
            assertFalse(text.contains(KEY), text);
            assertFalse(text.contains(BASIC), text);
        }
        assertTrue(dead.contains("bad key <redacted>"), dead);
        assertTrue(r.err().contains("HTTP 503"), "verbose shows the failed attempt: " + r.err());
        assertEquals("Basic " + BASIC, vendor.seen().get(0).authorization(), "the vendor did get the key");
    }

    /** 503s while the vendor serves no one: the event that probes it keeps waiting and is delivered once it is back. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void theEventProbingAFailingVendorIsNotDeadLettered() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 4, 1);
        vendor.answer((req, n) -> n <= 2 ? aResponse().withStatus(503).build() : null);
        Cli.Result r = send("--max-retries", "0", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(6, vendor.count());
        assertEquals(List.of(), deadLetterLines());
        assertTrue(r.err().contains("delivered:     4 events"), r.err());
    }

    /** A 5xx that outlasts --give-up-after while nobody is served: the run stops, the event pending, not dead. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aVendorThatServesNoOneLeavesTheEventPendingAtGiveUp() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 1, 1);
        vendor.answer((req, n) -> aResponse().withStatus(503).build());
        Cli.Result r = send("--max-retries", "1", "--give-up-after", "1s", in.toString());
        assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
        assertTrue(vendor.count() > 2, "it kept trying past its retries: " + vendor.count());
        assertEquals(List.of(), deadLetterLines());
        assertTrue(r.err().contains("pending:       1"), r.err());
    }

    /** A wrong --base-url (nothing listens): stop at once with every event pending, naming the address. */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aRefusedConnectionFromTheFirstRequestStopsTheRunAtOnce() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 20, 5);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=site-1",
                "--set", "apiKey=" + KEY, "--base-url", "http://127.0.0.1:" + port, "--progress", "none",
                "--dead-letter", deadLetters.toString(), in.toString());
        assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
        assertTrue(r.err().contains("no request has reached the vendor at http://127.0.0.1:" + port), r.err());
        assertTrue(r.err().contains("'cf-sync check --dest customerio'"), r.err());
        assertTrue(r.err().contains("delivered:     0 events"), r.err());
        assertTrue(r.err().contains("dead-lettered: 0\n"), r.err());
        assertTrue(r.err().contains("they are not in the dead-letter file"), r.err());
        assertTrue(!Files.exists(deadLetters) || deadLetterLines().isEmpty(), "nothing is dead-lettered");
        assertTrue(!r.err().contains(KEY), r.err());
    }
}
