package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A dry-run says how many requests a real send would make, after batching, and how long they take at the rate. */
@Timeout(60)
class EstimateTest {
    @TempDir
    Path tmp;

    private Path events(String... lines) throws IOException {
        return Files.write(tmp.resolve("in.ndjson"), java.util.List.of(lines));
    }

    private static String track(int i) {
        return "{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + i + "\",\"event\":\"Signed Up\","
                + "\"timestamp\":\"2024-03-05T14:25:12Z\"}";
    }

    private static String estimate(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        return r.err().lines().filter(l -> l.contains("estimate:")).findFirst().orElse("").trim();
    }

    @Test
    void countsBatchesNotEventsAndUsesTheDestinationsRateOrTheOneAskedFor() throws IOException {
        Path in = events(track(1), track(2), track(3));
        assertEquals("estimate:      a real send would make 1 request: about 1 s at 100 requests/s",
                estimate("send", "--dest", "customerio", "--dry-run", "--set", "apiVersion=v2", in.toString()));
        assertEquals("estimate:      a real send would make 3 requests: about 6 s at 0.5 requests/s",
                estimate("send", "--dest", "customerio", "--dry-run", "--rate", "0.5", in.toString()));
    }

    @Test
    void aPlanWithLookupsCountsOneBranchAndSaysUpTo() throws IOException {
        Path in = events("{\"type\":\"identify\",\"messageId\":\"i-1\",\"userId\":\"u-1\","
                + "\"traits\":{\"email\":\"a@example.com\"}}");
        String line = estimate("send", "--dest", "kustomer", "--dry-run", in.toString());
        assertTrue(line.startsWith("estimate:      a real send would make up to 3 requests: about 1 s at 5 "
                + "requests/s"), line);
    }
}
