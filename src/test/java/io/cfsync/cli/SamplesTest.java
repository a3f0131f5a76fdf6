package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.testkit.Cli;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled samples are what a newcomer tries first, once per destination: each must run clean everywhere, so a
 * first try never ends in an error on the project's own data. Events some destinations refuse live apart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SamplesTest {
    @TempDir
    Path tmp;

    @Test
    void theSamplesDryRunCleanForEveryDestination() {
        for (Destination d : Destinations.all()) {
            Path dl = tmp.resolve(d.name() + "-dead-letter.ndjson");
            Cli.Result r = Cli.run("send", "--dest", d.name(), "--dry-run", "--dead-letter", dl.toString(),
                    "samples/events.ndjson", "samples/events.ndjson.gz");
            assertEquals(ExitCodes.OK, r.exit(), d.name() + ": " + r.err());
            assertTrue(r.err().contains("dead-lettered: 0"), d.name() + ": " + r.err());
            assertTrue(!Files.exists(dl), d.name() + " wrote dead letters");
        }
    }

    @Test
    void theCompressedSampleHoldsTheSameEvents() throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("samples/events.ndjson.gz")))) {
            assertArrayEquals(Files.readAllBytes(Path.of("samples/events.ndjson")), in.readAllBytes());
        }
    }

    @Test
    void peopleKnownOnlyAnonymouslyAreASampleOfTheirOwn() {
        Cli.Result r = Cli.run("send", "--dest", "customfit", "--dry-run", "--dead-letter",
                tmp.resolve("dl.ndjson").toString(), "samples/anonymous.ndjson");
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        assertTrue(r.err().contains("missing-identity"), r.err());
    }
}
