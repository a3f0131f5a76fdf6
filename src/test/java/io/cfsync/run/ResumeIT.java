package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A changed input is detected by its content, not assumed appended: inserted events are sent, none twice. */
@Timeout(120)
class ResumeIT {
    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, Path state, Path in) {
        return Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-resume-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--state",
                state.toString(), "--dead-letter", tmp.resolve("dead.ndjson").toString(), in.toString());
    }

    private static String event(int seq) {
        return "{\"type\":\"track\",\"messageId\":\"m-" + seq + "\",\"userId\":\"user-" + (seq % 5)
                + "\",\"event\":\"E\",\"properties\":{\"seq\":" + seq + "}}";
    }

    @Test
    void eventsInsertedIntoTheMiddleOfAFinishedInputAreSentAndNothingIsSentTwice() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        List<String> original = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            original.add(event(i));
        }
        Files.write(in, original, StandardCharsets.UTF_8);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            Cli.Result first = send(vendor, state, in);
            assertEquals(0, first.exit(), first.err());
            assertEquals(400, vendor.count());

            List<String> changed = new ArrayList<>(original.subList(0, 200));
            for (int i = 1001; i <= 1098; i++) {
                changed.add(event(i));
            }
            changed.addAll(original.subList(200, 400));
            Files.write(in, changed, StandardCharsets.UTF_8);
            Cli.Result second = send(vendor, state, in);
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains(in + " changed since the last run (the bytes before line 401 differ): "
                    + "reading it from the start; delivered events are skipped"), second.err());
            assertTrue(second.err().contains("already-delivered 400"), second.err());
            Map<Integer, Integer> got = new HashMap<>();
            vendor.seen().forEach(s -> got.merge(s.seq(), 1, Integer::sum));
            assertEquals(498, got.size(), "all 98 inserted events were sent");
            got.forEach((seq, n) -> assertEquals(1, n, "event " + seq + " sent " + n + " times"));

            Cli.Result third = send(vendor, state, in);
            assertTrue(third.err().contains("inputs finished earlier: 1 ("), third.err());
            assertEquals(498, vendor.count());
        }
    }
}
