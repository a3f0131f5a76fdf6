package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import io.cfsync.testkit.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 GET whose body is cut short (a TCP proxy in front of S3Proxy closes the connection after N body bytes): the
 * read resumes from where it ended, pinned to the listed ETag, and every event is sent once; a store that keeps
 * cutting stops the run with the rest pending, which the next run sends; an object changed between the cut and the
 * resume stops the run rather than mixing two versions, and the next run sends the new one whole.
 */
@Timeout(120)
class S3CutBodyIT {
    private static final String BUCKET = "cuts";
    private static final String KEY = "k-s3-cut";
    private static AutoCloseable credentials;
    private static S3Server s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3Server();
        credentials = S3Server.credentialsInThisJvm();
    }

    @AfterAll
    static void stop() throws Exception {
        if (credentials != null) {
            credentials.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** Track events {@code e<from>}…{@code e<to>}, each line the same length, so line boundaries are known. */
    private static List<String> events(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            String mid = String.format("e%05d", i);
            out.add("{\"type\":\"track\",\"messageId\":\"" + mid + "\",\"userId\":\"u-" + (i % 9) + "\",\"event\":"
                    + "\"Order Completed\",\"timestamp\":\"" + Instant.parse("2024-03-01T00:00:00Z").plusSeconds(i)
                    + "\",\"properties\":{\"mid\":\"" + mid + "\",\"seq\":" + i + "}}");
        }
        return out;
    }

    private static byte[] ndjson(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(ndjson(lines));
        }
        return b.toByteArray();
    }

    private static int s3Port() {
        return URI.create(s3.endpoint()).getPort();
    }

    private Cli.Result send(FaultVendor vendor, CuttingProxy proxy, String key) {
        return Cli.run(new byte[0], Map.of("CF_SYNC_CUSTOMERIO_API_KEY", KEY), "send", "--dest", "customerio",
                "--set", "siteId=" + Child.SITE, "--base-url", vendor.baseUrl(), "--progress", "none", "--rate",
                "unlimited", "--state", tmp.resolve("ledger.db").toString(), "--dead-letter",
                tmp.resolve("dead.ndjson").toString(), "--s3-endpoint", proxy.endpoint(), "s3://" + BUCKET + "/" + key);
    }

    /** Times each event of {@code lines} reached the vendor and was accepted. */
    private static Map<String, Integer> received(FaultVendor vendor) {
        Map<String, Integer> got = new TreeMap<>();
        for (FaultVendor.Arrival a : vendor.arrivals()) {
            if (a.answer() == FaultPlan.Answer.OK) {
                a.entities().forEach(e -> got.merge(e.mid(), 1, Integer::sum));
            }
        }
        return got;
    }

    /** Every event sent, each exactly once (no answer was lost, so no copy is excused). */
    private static void assertEachOnce(FaultVendor vendor, int from, int to) {
        Map<String, Integer> got = received(vendor);
        for (int i = from; i <= to; i++) {
            String mid = String.format("e%05d", i);
            assertEquals(1, got.getOrDefault(mid, 0), mid + " lost or sent twice: " + got.size() + " sent");
        }
        assertEquals(to - from + 1, got.size(), "nothing else was sent");
    }

    private static FaultVendor vendor() throws IOException {
        return new FaultVendor(Corpus.generate(1, 4, 1), FaultPlan.none(1), Child.SITE, KEY);
    }

    @Test
    void aGzipBodyCutShortIsResumedAndEveryEventSentOnce() throws Exception {
        byte[] body = gzip(events(1, 400));
        String key = "gz/one.ndjson.gz";
        s3.put(BUCKET, key, body);
        try (FaultVendor vendor = vendor();
             CuttingProxy proxy = new CuttingProxy(s3Port(), "/" + BUCKET + "/" + key, body.length / 3, 1, () -> { })) {
            Cli.Result r = send(vendor, proxy, key);
            assertEquals(1, proxy.cuts(), "the body was cut");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("delivered:     400 events"), r.err());
            assertTrue(r.err().contains("exit code:     0"), r.err());
            assertFalse(r.err().contains("input errors"), r.err());
            assertEachOnce(vendor, 1, 400);
        }
    }

    @Test
    void aPlainBodyCutAtALineBoundaryIsNotTakenForTheEnd() throws Exception {
        List<String> lines = events(1, 100);
        byte[] body = ndjson(lines);
        long fifty = ndjson(lines.subList(0, 50)).length;
        String key = "plain/one.ndjson";
        s3.put(BUCKET, key, body);
        try (FaultVendor vendor = vendor();
             CuttingProxy proxy = new CuttingProxy(s3Port(), "/" + BUCKET + "/" + key, fifty, 1, () -> { })) {
            Cli.Result r = send(vendor, proxy, key);
            assertEquals(1, proxy.cuts(), "the body was cut");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("100 lines read") && r.err().contains("delivered:     100 events"), r.err());
            assertTrue(r.err().contains("exit code:     0"), r.err());
            assertEachOnce(vendor, 1, 100);
        }
    }

    @Test
    void aStoreThatKeepsCuttingStopsTheRunWithTheRestPendingForTheNext() throws Exception {
        List<String> lines = events(1, 300);
        byte[] body = ndjson(lines);
        String key = "plain/flaky.ndjson";
        s3.put(BUCKET, key, body);
        try (FaultVendor vendor = vendor();
             CuttingProxy proxy = new CuttingProxy(s3Port(), "/" + BUCKET + "/" + key, body.length / 20, 50,
                     () -> { })) {
            Cli.Result first = send(vendor, proxy, key);
            assertEquals(3, first.exit(), first.err());
            assertTrue(first.err().contains("exit code:     3 (run aborted: s3://" + BUCKET + "/" + key + ": the "
                    + "store ended the body early 6 times"), first.err());
            assertTrue(first.err().contains("(the rest of the input was not read)"), first.err());
            assertFalse(first.err().contains("dead-lettered: 1"), "a cut is never a verdict: " + first.err());
            assertTrue(received(vendor).size() < 300, "the run stopped before the end");

            proxy.stopCutting();
            Cli.Result second = send(vendor, proxy, key);
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains("exit code:     0"), second.err());
            assertEachOnce(vendor, 1, 300);
        }
    }

    @Test
    void anObjectChangedBetweenTheCutAndTheResumeStopsTheRunAndIsReadAgainWhole() throws Exception {
        // Cut past the first 8 KiB, which are read whole before any line is handed over.
        List<String> lines = events(1, 300);
        byte[] body = ndjson(lines);
        long twoHundred = ndjson(lines.subList(0, 200)).length;
        String key = "plain/changing.ndjson";
        s3.put(BUCKET, key, body);
        byte[] grown = ndjson(events(1, 320));
        try (FaultVendor vendor = vendor();
             CuttingProxy proxy = new CuttingProxy(s3Port(), "/" + BUCKET + "/" + key, twoHundred, 1,
                     () -> s3.put(BUCKET, key, grown))) {
            Cli.Result first = send(vendor, proxy, key);
            assertEquals(1, proxy.cuts(), "the body was cut");
            assertEquals(3, first.exit(), first.err());
            assertTrue(first.err().contains("exit code:     3 (run aborted: cannot read s3://" + BUCKET + "/" + key),
                    first.err());
            assertTrue(first.err().contains("412") && first.err().contains("changed since it was listed"),
                    first.err());
            assertTrue(received(vendor).size() <= 200, "only events of the old version read before the cut");

            Cli.Result second = send(vendor, proxy, key);
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains("exit code:     0"), second.err());
            assertEachOnce(vendor, 1, 320);
        }
    }

    @Test
    void anObjectChangedBetweenTheListingAndTheReadStopsTheRunWithEverythingPending() throws Exception {
        String key = "plain/replaced.ndjson";
        s3.put(BUCKET, key, ndjson(events(1, 100)));
        byte[] replaced = ndjson(events(1, 110));
        try (FaultVendor vendor = vendor();
             CuttingProxy proxy = new CuttingProxy(s3Port(), "/" + BUCKET + "/" + key, 0, 0, () -> { })) {
            proxy.beforeNextGet(() -> s3.put(BUCKET, key, replaced));
            Cli.Result first = send(vendor, proxy, key);
            assertEquals(3, first.exit(), first.err());
            assertTrue(first.err().contains("exit code:     3 (run aborted: cannot read s3://" + BUCKET + "/" + key
                    + ": HTTP 412"), first.err());
            assertTrue(first.err().contains("cf-sync: to continue, run the same command again"), first.err());
            assertEquals(0, received(vendor).size(), "nothing of either version was sent");

            Cli.Result second = send(vendor, proxy, key);
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains("delivered:     110 events") && second.err().contains("exit code:     0"),
                    second.err());
            assertEachOnce(vendor, 1, 110);
        }
    }
}
