package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.state.Ledger;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real send whose dead-letter file sits on a disk that fills up: the run stops in words (exit 3), the line whose
 * entry could not be written stays unfinished in the ledger, and the next run writes every entry exactly once.
 * Invalid lines never reach the vendor, so nothing is sent (the base URL is a closed loopback port).
 */
@Timeout(120)
class FullDiskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 200;

    @TempDir
    Path tmp;

    private Cli.Result send(Path in, Path state, Path dead) {
        return Cli.run(new byte[0], Map.of(), "send", "-d", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-full-disk-1", "--base-url", "http://127.0.0.1:9", "--progress", "none", "--state",
                state.toString(), "--dead-letter", dead.toString(), in.toString());
    }

    @Test
    void aFullDiskStopsTheRunAndTheNextRunWritesEveryEntryOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= LINES; i++) {
            lines.add("{\"type\":\"track\",\"userId\":\"u" + i + "\",\"event\":\"E\",\"timestamp\":\"2024-02-30T00:00:00Z\","
                    + "\"properties\":{\"padding\":\"" + "x".repeat(200) + "\"}}");
        }
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines);
        Path state = tmp.resolve("ledger.db");
        try (SmallDisk disk = SmallDisk.mount(tmp, 256)) {
            Path dead = disk.dir().resolve("dead.ndjson");
            disk.fillLeaving(16 * 1024);

            Cli.Result r = send(in, state, dead);
            assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
            assertTrue(r.err().contains("disk full: cannot write the dead-letter file " + dead), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("java."), r.err());
            List<Long> first = lineNumbers(dead);
            assertTrue(first.size() > 0 && first.size() < LINES, "some entries fit: " + first.size());
            long watermark;
            try (Ledger ledger = Ledger.open(state)) {
                watermark = ledger.source("customerio", in.toAbsolutePath().normalize().toString()).watermark();
            }
            assertEquals(first.size(), watermark, "the ledger covers exactly the lines whose entry was written");

            disk.freeUp();
            Cli.Result again = send(in, state, dead);
            assertEquals(ExitCodes.INCOMPLETE, again.exit(), again.err());
            List<Long> all = lineNumbers(dead);
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= LINES; i++) {
                expected.add(i);
            }
            assertEquals(expected, all, "every line dead-lettered once, none lost, none twice");
        }
    }

    /** The line numbers of the entries, checking that every line of the file is whole JSON. */
    private static List<Long> lineNumbers(Path dead) throws Exception {
        String text = Files.readString(dead);
        assertTrue(text.endsWith("\n"));
        List<Long> out = new ArrayList<>();
        for (String l : text.lines().toList()) {
            out.add(JSON.readTree(l).get("line").asLong());
        }
        return out;
    }
}
