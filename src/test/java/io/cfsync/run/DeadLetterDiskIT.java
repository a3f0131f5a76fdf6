package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.cfsync.cli.ExitCodes;
import io.cfsync.state.Ledger;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.SmallDisk;
import io.cfsync.testkit.VendorStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events the vendor refuses (400) are dead-lettered from the sender threads; when that file's disk fills up, the
 * run stops (exit 3) saying so in words, the events whose entry could not be written stay unfinished, and the next
 * run takes them up: no event is lost. (Events other lanes dead-lettered past the first unfinished one are done again
 * by the next run, as after any stop: the watermark covers a prefix of the input.)
 */
@Timeout(120)
class DeadLetterDiskIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 300;

    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, Path in, Path dead) {
        return Cli.run(new byte[0], Map.of(), "send", "-d", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-disk-it-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--rate", "unlimited",
                "--state", tmp.resolve("ledger.db").toString(), "--dead-letter", dead.toString(), in.toString());
    }

    @Test
    void refusedEventsOnAFullDiskStopTheRunAndNoneIsLost() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", EVENTS, 10);
        try (VendorStub vendor = new VendorStub(); SmallDisk disk = SmallDisk.mount(tmp, 512)) {
            vendor.answer((r, n) -> ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                    .withBody("{\"meta\":{\"error\":\"bad attribute\"}}").build());
            Path dead = disk.dir().resolve("dead.ndjson");
            disk.fillLeaving(24 * 1024);

            Cli.Result r = send(vendor, in, dead);
            assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
            assertTrue(r.err().contains("disk full: cannot write the dead-letter file " + dead), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("java."), r.err());
            Map<String, List<Long>> first = linesByRun(dead);
            assertEquals(1, first.size());
            int written = first.values().iterator().next().size();
            assertTrue(written > 0 && written < EVENTS, "some entries fit: " + written);
            long watermark;
            try (Ledger ledger = Ledger.open(tmp.resolve("ledger.db"))) {
                watermark = ledger.source("customerio", in.toAbsolutePath().normalize().toString()).watermark();
            }
            assertTrue(watermark < EVENTS, "the events whose entry was lost are still unfinished");

            disk.freeUp();
            Cli.Result again = send(vendor, in, dead);
            assertEquals(ExitCodes.INCOMPLETE, again.exit(), again.err());
            Map<String, List<Long>> runs = linesByRun(dead);
            assertEquals(2, runs.size());
            Set<Long> all = new TreeSet<>();
            for (List<Long> lines : runs.values()) {
                assertEquals(lines.size(), new HashSet<>(lines).size(), "no event twice within a run");
                all.addAll(lines);
            }
            assertEquals(EVENTS, all.size(), "every refused event is in the file: none lost");
            assertEquals(1, all.iterator().next());
            List<Long> second = new ArrayList<>(runs.values()).get(1);
            assertTrue(second.stream().allMatch(l -> l > watermark),
                    "the next run takes up only what the ledger did not cover, after line " + watermark);
        }
    }

    /** The line numbers of the entries by run, in file order, checking that every line is whole JSON. */
    private static Map<String, List<Long>> linesByRun(Path dead) throws Exception {
        String text = Files.readString(dead);
        assertTrue(text.endsWith("\n"));
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (String l : text.lines().toList()) {
            JsonNode e = JSON.readTree(l);
            out.computeIfAbsent(e.get("run").asText(), k -> new ArrayList<>()).add(e.get("line").asLong());
        }
        return out;
    }
}
