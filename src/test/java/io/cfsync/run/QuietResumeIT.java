package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --quiet} in a cron job: a run that resumes an appended input prints nothing when all goes well. */
@Timeout(120)
class QuietResumeIT {
    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, Path state, Path in, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-quiet-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--state",
                state.toString(), "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(extra));
        args.add(in.toString());
        return Cli.run(new byte[0], Map.of(), args.toArray(String[]::new));
    }

    private static List<String> events(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("{\"type\":\"track\",\"messageId\":\"q-" + i + "\",\"userId\":\"user-" + (i % 3)
                    + "\",\"event\":\"E\",\"properties\":{\"seq\":" + i + "}}");
        }
        return out;
    }

    @Test
    void aQuietRunThatResumesAnAppendedInputSaysNothing() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, events(1, 20), StandardCharsets.UTF_8);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            Cli.Result first = send(vendor, state, in);
            assertEquals(0, first.exit(), first.err());
            Files.write(in, events(21, 25), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Cli.Result second = send(vendor, state, in, "-q");
            assertEquals(0, second.exit(), second.err());
            assertEquals("", second.err(), "--quiet says nothing when all goes well");
            assertEquals(25, vendor.count(), "the appended events were sent, the others not again");
        }
    }
}
