package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.VendorStub;
import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kustomer identifies through the bulk endpoints against a loopback vendor: submit, polls until complete, per-item
 * results settling each event once; item errors; a key without the bulk role; a job the vendor lost; 429 and 5xx on
 * the submit and on the polls; --no-bulk.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KustomerBulkIT {
    @TempDir
    Path tmp;

    /** Identifies of u-1 … u-n, then a track of u-1 (which needs u-1's customer first). */
    private Path input(int n) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            lines.add("{\"type\":\"identify\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + i + "\","
                    + "\"traits\":{\"name\":\"User " + i + "\"}}");
        }
        lines.add("{\"type\":\"track\",\"messageId\":\"m-t\",\"userId\":\"u-1\",\"event\":\"Signed Up\"}");
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        return in;
    }

    private Cli.Result send(VendorStub vendor, Path in, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "kustomer", "--set", "apiKey=k-bulk-secret-1",
                "--set", "baseUrl=" + vendor.baseUrl(), "--progress", "none", "--no-state", "--max-retries", "3",
                "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(extra));
        args.add(in.toString());
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    private static List<String> steps(VendorStub vendor) {
        return vendor.seen().stream().map(s -> s.method() + " " + s.url()).toList();
    }

    private static void assertDelivered(Cli.Result r, int n) {
        assertTrue(r.err().matches("(?s).*delivered:\\s+" + n + " events?\n.*"), r.err());
    }

    private String dead() throws Exception {
        Path p = tmp.resolve("dead.ndjson");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @Test
    void identifiesGoAsOneJobPolledUntilCompleteAndTheTrackFollowsIt() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Cli.Result r = send(vendor, input(3));
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of(
                    "POST /v1/customers/bulk",
                    "GET /v1/bulk/job-1",
                    "GET /v1/bulk/job-1",
                    "GET /v1/bulk/job-1",
                    "GET /v1/bulk/job-1/batches",
                    "POST /v1/tracking/identityEvent"), steps(vendor));
            String submit = vendor.seen().get(0).body();
            assertTrue(submit.startsWith("[{\"_clientRef\":\"1\",\"name\":\"User 1\",\"externalId\":\"u-1\"}"),
                    submit);
            assertEquals(List.of(List.of("u-1", "u-2", "u-3")), k.submits(vendor.seen()));
            assertDelivered(r, 4);
            assertEquals("", dead());
        }
    }

    @Test
    void eachItemSettlesItsOwnEvent() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        k.existing = List.of("u-2");
        k.itemError = ext -> switch (ext) {
            case "u-2" -> "duplicate detected";
            case "u-3" -> "email is invalid";
            case "u-4" -> "internal error, try again";
            default -> null;
        };
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Cli.Result r = send(vendor, input(4));
            assertEquals(1, r.exit(), r.err());
            List<String> steps = steps(vendor);
            assertEquals(1, k.submits(vendor.seen()).size(), steps.toString());
            assertTrue(steps.contains("PUT /v1/customers/c-u-2?replace=false"), "the existing customer is updated: "
                    + steps);
            assertTrue(steps.contains("GET /v1/customers/externalId=u-4") && steps.contains("POST /v1/customers"),
                    "the item the vendor failed on goes on its own: " + steps);
            assertFalse(steps.contains("GET /v1/customers/externalId=u-3"), steps.toString());
            String dead = dead();
            assertEquals(1, dead.lines().count(), dead);
            assertTrue(dead.contains("\"reason\":\"vendor-rejected\"") && dead.contains("email is invalid")
                    && dead.contains("\"line\":3"), dead);
            assertDelivered(r, 4);
        }
    }

    @Test
    void aKeyWithoutTheBulkRoleSendsSingleRequestsWithOneNote() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        k.override = (req, n) -> req.url().equals("/v1/customers/bulk")
                ? aResponse().withStatus(403).withBody("{\"errors\":[{\"title\":\"forbidden\"}]}").build() : null;
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Path in = input(3);
            // A second pack after the track: it goes straight to single requests.
            Files.writeString(in, "{\"type\":\"identify\",\"userId\":\"u-1\",\"traits\":{\"name\":\"A\"}}\n"
                    + "{\"type\":\"identify\",\"userId\":\"u-9\",\"traits\":{\"name\":\"B\"}}\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Cli.Result r = send(vendor, in);
            assertEquals(0, r.exit(), r.err());
            List<String> steps = steps(vendor);
            assertEquals(1, steps.stream().filter(s -> s.equals("POST /v1/customers/bulk")).count(), steps.toString());
            assertEquals(5, steps.stream().filter(s -> s.equals("POST /v1/customers")).count(), steps.toString());
            assertEquals(1, r.err().split("lacks a bulk role", -1).length - 1, r.err());
            assertDelivered(r, 6);
        }
    }

    @Test
    void aKeyThatMayCreateButNotReadBulkJobsDoesNotStopTheRun() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        k.override = (req, n) -> req.url().startsWith("/v1/bulk/")
                ? aResponse().withStatus(403).withBody("{\"errors\":[{\"title\":\"forbidden\"}]}").build() : null;
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Cli.Result r = send(vendor, input(3));
            assertEquals(0, r.exit(), r.err());
            List<String> steps = steps(vendor);
            assertEquals(1, k.submits(vendor.seen()).size(), steps.toString());
            assertEquals(3, steps.stream().filter(s -> s.startsWith("GET /v1/customers/externalId=")).count(),
                    "each customer looked up on its own, so one the job created is updated: " + steps);
            assertEquals(1, r.err().split("lacks a bulk role", -1).length - 1, r.err());
            assertDelivered(r, 4);
        }
    }

    @Test
    void aJobTheVendorLostIsSubmittedAgainOnce() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        k.override = (req, n) -> req.url().startsWith("/v1/bulk/job-1")
                ? aResponse().withStatus(404).withBody("{}").build() : null;
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Cli.Result r = send(vendor, input(3));
            assertEquals(0, r.exit(), r.err());
            assertEquals(2, k.submits(vendor.seen()).size(), steps(vendor).toString());
            assertTrue(steps(vendor).contains("GET /v1/bulk/job-2/batches"), steps(vendor).toString());
            assertDelivered(r, 4);
        }
    }

    @Test
    void aJobLostTwiceIsDeadLetteredNotSubmittedForever() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        k.override = (req, n) -> req.url().startsWith("/v1/bulk/")
                ? aResponse().withStatus(404).withBody("{}").build() : null;
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Cli.Result r = send(vendor, input(3));
            assertEquals(1, r.exit(), r.err());
            assertEquals(2, k.submits(vendor.seen()).size(), steps(vendor).toString());
            String dead = dead();
            assertEquals(3, dead.lines().filter(l -> l.contains("\"reason\":\"bulk-job-lost\"")).count(), dead);
        }
    }

    @Test
    void throttlingAndServerErrorsOnSubmitAndPollAreRetriedWithoutASecondJob() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        AtomicInteger submits = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        k.override = (req, n) -> {
            if (req.url().equals("/v1/customers/bulk")) {
                int i = submits.incrementAndGet();
                return i == 1 ? aResponse().withStatus(429).withHeader("Retry-After", "1").build()
                        : i == 2 ? aResponse().withStatus(503).build() : null;
            }
            if (req.url().equals("/v1/bulk/job-1")) {
                int i = polls.incrementAndGet();
                return i == 1 ? aResponse().withStatus(502).build()
                        : i == 2 ? aResponse().withStatus(429).withHeader("Retry-After", "1").build() : null;
            }
            return null;
        };
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Cli.Result r = send(vendor, input(3));
            assertEquals(0, r.exit(), r.err());
            assertEquals(1, k.jobs.size(), "one job made: " + steps(vendor));
            assertDelivered(r, 4);
            assertEquals("", dead());
        }
    }

    @Test
    void noBulkSendsEachEventsOwnPlan() throws Exception {
        KustomerBulkBehaviour k = new KustomerBulkBehaviour();
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer(k);
            Cli.Result r = send(vendor, input(3), "--no-bulk");
            assertEquals(0, r.exit(), r.err());
            assertTrue(k.submits(vendor.seen()).isEmpty(), steps(vendor).toString());
            assertEquals(3, steps(vendor).stream().filter(s -> s.equals("POST /v1/customers")).count());
        }
    }
}
