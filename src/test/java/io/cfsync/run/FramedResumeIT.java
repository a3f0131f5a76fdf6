package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.input.Framings;
import io.cfsync.input.lengthprefixed.LengthPrefixed;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input format that is not lines (length-prefixed records, known only to tests) goes through the whole run
 * like NDJSON: its records are decoded, their envelopes opened and bad ones dead-lettered by record number, and a
 * run stopped part-way resumes after the last record it finished, proven by the format's own positions, with
 * nothing lost and nothing sent twice beyond what was in flight.
 */
@Timeout(120)
class FramedResumeIT {
    /** Record 10 is a Segment batch of three events (seq 1001-1003), record 20 is not JSON. */
    private static final int BATCH = 10;
    private static final int BROKEN = 20;

    @TempDir
    Path tmp;

    @BeforeAll
    static void knowTheFormat() {
        Framings.register(LengthPrefixed.FRAMING);
    }

    @AfterAll
    static void forgetTheFormat() {
        Framings.unregister(LengthPrefixed.FRAMING);
    }

    private static String event(int seq) {
        return "{\"type\":\"track\",\"messageId\":\"m-" + seq + "\",\"userId\":\"user-" + (seq % 7)
                + "\",\"event\":\"E\",\"properties\":{\"seq\":" + seq + "}}";
    }

    /** Records {@code 1..n}: one event each (seq = record number), but for the batch and the broken one. */
    private static List<byte[]> records(int from, int to) {
        List<byte[]> out = new ArrayList<>();
        for (int r = from; r <= to; r++) {
            String text = r == BATCH ? "{\"batch\":[" + event(1001) + "," + event(1002) + "," + event(1003) + "]}"
                    : r == BROKEN ? "{\"type\":\"track\",not json" : event(r);
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private Cli.Result run(VendorStub vendor, Path in) {
        return Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-framed-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--concurrency", "4",
                "--state", tmp.resolve("ledger.db").toString(), "--dead-letter", tmp.resolve("dead.ndjson").toString(),
                in.toString());
    }

    private static Map<Integer, Integer> okBySeq(List<VendorStub.Seen> seen, int refused) {
        Map<Integer, Integer> got = new HashMap<>();
        for (int i = 0; i < seen.size(); i++) {
            if (i + 1 != refused) {
                got.merge(seen.get(i).seq(), 1, Integer::sum);
            }
        }
        return got;
    }

    @Test
    void aRunStoppedPartWayResumesAfterItsLastFinishedRecordAndNothingIsLost() throws Exception {
        Path in = tmp.resolve("events.lpf");
        Files.write(in, LengthPrefixed.encode(records(1, 80)));
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n == 40 ? aResponse().withStatus(401).build() : null);
            Cli.Result first = run(vendor, in);
            assertEquals(3, first.exit(), first.err());
            vendor.answer((req, n) -> null);
            Cli.Result second = run(vendor, in);
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().matches("(?s).*resuming " + in + " after record [1-9][0-9]*\n.*"), second.err());
            Map<Integer, Integer> got = okBySeq(vendor.seen(), 40);
            assertEquals(81, got.size(), "every event was sent, the three of the batch record too: " + got.keySet());
            int refused = vendor.seen().get(39).seq();
            got.forEach((seq, n) -> assertTrue(n == 1 || seq == refused, "event " + seq + " sent " + n + " times"));
            List<String> dead = Files.readAllLines(tmp.resolve("dead.ndjson"));
            assertEquals(1, dead.size(), "the broken record, once: " + dead);
            assertTrue(dead.get(0).contains("\"line\":" + BROKEN) && dead.get(0).contains("invalid-json"), dead.get(0));

            Cli.Result third = run(vendor, in);
            assertTrue(third.err().contains("inputs finished earlier: 1 ("), third.err());
        }
    }

    @Test
    void recordsAppendedToAFinishedInputAreReadFromWhereTheLastRunEnded() throws Exception {
        Path in = tmp.resolve("events.lpf");
        Files.write(in, LengthPrefixed.encode(records(21, 60)));
        try (VendorStub vendor = new VendorStub()) {
            assertEquals(0, run(vendor, in).exit());
            assertEquals(40, vendor.count());
            List<byte[]> all = records(21, 70);
            Files.write(in, LengthPrefixed.encode(all));
            Cli.Result second = run(vendor, in);
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains("resuming " + in + " after record 40"), second.err());
            assertTrue(!second.err().contains("already-delivered"), "nothing was read twice: " + second.err());
            Map<Integer, Integer> got = okBySeq(vendor.seen(), -1);
            assertEquals(50, got.size());
            got.forEach((seq, n) -> assertEquals(1, n, "event " + seq + " sent " + n + " times"));
        }
    }
}
