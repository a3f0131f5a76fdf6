package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.S3Server;
import io.cfsync.testkit.VendorStub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s3://} inputs against a real S3 API (S3Proxy in-process on loopback): Segment's and RudderStack's archive
 * layouts are listed in key order, pruned by the window, streamed and sent; a run stopped half-way is resumed with
 * nothing lost or sent twice; a replaced object (new ETag) is read again and only its new events are sent.
 */
@Timeout(180)
class S3ArchiveIT {
    private static final long MAR_1 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    private static final String BUCKET = "archive";
    private static S3Server s3;
    private static AutoCloseable credentials;

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

    static String event(int seq, long atMillis) {
        return "{\"type\":\"track\",\"messageId\":\"m-" + seq + "\",\"userId\":\"user-" + (seq % 7)
                + "\",\"event\":\"E\",\"timestamp\":\"" + Instant.ofEpochMilli(atMillis) + "\",\"properties\":"
                + "{\"seq\":" + seq + "}}";
    }

    static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    static List<String> events(int from, int to, long atMillis) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(event(i, atMillis + i * 1000L));
        }
        return out;
    }

    private Cli.Result send(VendorStub vendor, Path state, String... more) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-s3-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--state", state.toString(),
                "--dead-letter", tmp.resolve("dead.ndjson").toString(), "--s3-endpoint", s3.endpoint(),
                "--since", "2024-03-01", "--until", "2024-03-03", "--concurrency", "4"));
        args.addAll(List.of(more));
        args.add("s3://" + BUCKET + "/exports");
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    @Test
    void bothLayoutsAreStreamedPrunedResumedAfterAStopAndAReplacedObjectIsReadAgain() throws Exception {
        String seg = "exports/segment-logs/src-1/";
        s3.put(BUCKET, seg + MAR_1 + "/1709251200001.gz", gzip(events(1, 40, MAR_1)));
        s3.put(BUCKET, seg + (MAR_1 + DAY) + "/1709337600001.gz", gzip(events(41, 80, MAR_1 + DAY)));
        // Received weeks before the window: not event data at all, so reading it would be an input error.
        byte[] garbage = "\u0000\u0001 not gzip, not json".getBytes(StandardCharsets.UTF_8);
        s3.put(BUCKET, seg + (MAR_1 - 20 * DAY) + "/1707523200001.gz", garbage);
        String rudder = "exports/rudder/src-2/gw/2024-03-01/10/";
        s3.put(BUCKET, rudder + "1709287200_1709290799_ws1_7f3e.json.gz", gzip(events(81, 100, MAR_1 + 36_000_000L)));
        s3.put(BUCKET, "exports/rudder/src-2/gw/2024-02-01/10/1706781600_1706785199_ws1_aa11.json.gz", garbage);
        s3.put(BUCKET, "exports/rudder/gw_jobs_1.100.119.1709373600000.1709377199000.gz",
                gzip(events(101, 120, MAR_1 + 2 * DAY - 5_000_000L)));
        s3.put(BUCKET, "exports/rudder/gw_jobs_1.1.99.1700000000000.1700003600000.gz", garbage);
        s3.put(BUCKET, "exports/readme.txt", "archive of march".getBytes(StandardCharsets.UTF_8));
        s3.put(BUCKET, "exports-other/segment-logs/src-9/" + MAR_1 + "/1.gz", gzip(events(900, 905, MAR_1)));

        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            // Credentials refused after 50 requests: the run stops, what it did not settle stays pending.
            Map<Integer, Integer> accepted = new ConcurrentHashMap<>();
            AtomicBoolean refuse = new AtomicBoolean(true);
            vendor.answer((r, n) -> {
                if (refuse.get() && n > 50) {
                    return ResponseDefinitionBuilder.responseDefinition().withStatus(401).withBody("{}").build();
                }
                accepted.merge(r.seq(), 1, Integer::sum);
                return null;
            });
            Cli.Result first = send(vendor, state);
            assertEquals(3, first.exit(), first.err());
            assertFalse(first.err().contains(S3Server.SECRET_KEY), "the AWS secret is never printed");
            assertFalse(first.err().contains(S3Server.ACCESS_KEY), "nor the access key");

            assertTrue(accepted.size() < 120, "the stop came half-way: " + accepted.size());
            refuse.set(false);
            Cli.Result second = send(vendor, state, "--verbose");
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains("inputs left out: 4 (not-event-data 1, outside-window 3)\n"),
                    second.err());
            assertTrue(second.err().contains("left out s3://archive/exports/readme.txt: not-event-data"),
                    second.err());
            assertFalse(second.err().contains("input errors"), "no pruned object was read: " + second.err());
            assertFalse(second.err().contains(S3Server.SECRET_KEY), "the AWS secret is never printed");
            Map<Integer, Integer> got = new HashMap<>(accepted);
            assertEquals(120, got.size(), "every event of both layouts in the window was sent: " + got.keySet());
            got.forEach((seq, n) -> assertEquals(1, n, "event " + seq + " sent " + n + " times"));
            assertFalse(got.containsKey(900), "a neighbouring prefix is not under exports/");

            Cli.Result third = send(vendor, state);
            assertEquals(0, third.exit(), third.err());
            assertTrue(third.err().contains("inputs finished earlier: 4 ("), third.err());
            int before = vendor.count();

            // The same key, new content: a new ETag. Read again from the start; only the new events go out.
            List<String> grown = events(41, 80, MAR_1 + DAY);
            grown.addAll(events(121, 130, MAR_1 + DAY));
            s3.put(BUCKET, seg + (MAR_1 + DAY) + "/1709337600001.gz", gzip(grown));
            Cli.Result fourth = send(vendor, state);
            assertEquals(0, fourth.exit(), fourth.err());
            assertTrue(fourth.err().contains("s3://archive/" + seg + (MAR_1 + DAY) + "/1709337600001.gz changed "
                    + "since the last run (a new ETag)"), fourth.err());
            assertTrue(fourth.err().contains("already-delivered 40"), fourth.err());
            assertEquals(before + 10, vendor.count(), "only the ten new events were sent");
            got = new HashMap<>(accepted);
            assertEquals(130, got.size());
            got.forEach((seq, n) -> assertEquals(1, n, "event " + seq + " sent " + n + " times"));
        }
    }

    @Test
    void aRunKilledHalfWayIsResumedWithNothingLostAndAtMostTheEventsInFlightSentAgain() throws Exception {
        String bucket = "killed";
        String seg = "segment-logs/src-3/";
        s3.put(bucket, seg + MAR_1 + "/1.gz", gzip(events(1, 60, MAR_1)));
        s3.put(bucket, seg + (MAR_1 + DAY) + "/2.gz", gzip(events(61, 120, MAR_1 + DAY)));
        Path state = tmp.resolve("killed.db");
        int concurrency = 2;
        try (VendorStub vendor = new VendorStub()) {
            Map<Integer, Integer> accepted = new ConcurrentHashMap<>();
            vendor.answer((r, n) -> {
                accepted.merge(r.seq(), 1, Integer::sum);
                return com.github.tomakehurst.wiremock.client.WireMock.okJson("{}").withFixedDelay(20).build();
            });
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    "io.cfsync.Main", "send", "--dest", "customerio", "--set", "siteId=s", "--base-url",
                    vendor.baseUrl(), "--progress", "none", "--state", state.toString(), "--dead-letter",
                    tmp.resolve("dead.ndjson").toString(), "--s3-endpoint", s3.endpoint(), "--concurrency",
                    String.valueOf(concurrency), "--rate", "unlimited", "s3://" + bucket + "/"));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(tmp.resolve("child.err").toFile());
            pb.environment().put("CF_SYNC_CUSTOMERIO_API_KEY", "k-s3-2");
            pb.environment().put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
            pb.environment().put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
            pb.environment().put("AWS_REGION", "us-east-1");
            pb.environment().put("XDG_STATE_HOME", tmp.resolve("xdg").toString());
            Process child = pb.start();
            try {
                while (vendor.count() < 40 && child.isAlive()) {
                    Thread.sleep(5);
                }
                assertTrue(child.isAlive(), "the run was still going: " + java.nio.file.Files.readString(
                        tmp.resolve("child.err")));
            } finally {
                child.destroyForcibly().waitFor(); // SIGKILL: nothing is saved on the way out
            }
            int beforeResume = accepted.size();
            assertTrue(beforeResume < 120, "killed half-way: " + beforeResume);

            Cli.Result resumed = Cli.run(new byte[0], Map.of("CF_SYNC_CUSTOMERIO_API_KEY", "k-s3-2"),
                    cmd.subList(cmd.indexOf("send"), cmd.size()).toArray(new String[0]));
            assertEquals(0, resumed.exit(), resumed.err());
            assertEquals(120, accepted.size(), "nothing lost: " + accepted.keySet());
            long again = accepted.values().stream().filter(n -> n > 1).count();
            assertTrue(again <= concurrency, again + " events sent twice; only those in flight at the kill may be");
            accepted.values().forEach(n -> assertTrue(n <= 2, "an event sent " + n + " times"));
        }
    }

    @Test
    void anEmptyPrefixIsAnErrorThatNamesIt() {
        s3.put("empty-bucket", "elsewhere/a.ndjson", "{}\n".getBytes(StandardCharsets.UTF_8));
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--dry-run", "--s3-endpoint",
                s3.endpoint(), "s3://empty-bucket/exports/");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no input in prefix s3://empty-bucket/exports/: it holds no files"), r.err());
    }

    @Test
    void aMissingBucketIsAnErrorInPlainWords() {
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--dry-run", "--s3-endpoint",
                s3.endpoint(), "s3://no-such-bucket/x");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cannot list s3://no-such-bucket/x: HTTP 404 NoSuchBucket"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

}
