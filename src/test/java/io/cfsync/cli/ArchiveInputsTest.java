package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The archives users hold, from the command line: Segment's and RudderStack's layouts, pruning, empty folders. */
@Timeout(60)
class ArchiveInputsTest {
    private static final long MAR_1 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    private static final byte[] GARBAGE = {0x00, 0x01, 0x02, (byte) 0xff, 0x7f};

    @TempDir
    Path tmp;

    static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    static List<String> events(int from, int to, long at) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("{\"type\":\"track\",\"userId\":\"u-" + i % 3 + "\",\"event\":\"E\",\"messageId\":\"m-" + i
                    + "\",\"timestamp\":\"" + Instant.ofEpochMilli(at + i * 1000L) + "\"}");
        }
        return out;
    }

    private void write(String rel, byte[] bytes) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    private Cli.Result dryRun(String... more) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--dry-run"));
        args.addAll(List.of(more));
        return Cli.run(new byte[0], java.util.Map.of(), args.toArray(new String[0]));
    }

    @Test
    void aSegmentArchiveFolderOfNumberedGzipFilesDryRunsEveryEvent() throws Exception {
        String src = "my-bucket/segment-logs/Ab12Cd/";
        write(src + MAR_1 + "/1709251234567.gz", gzip(events(1, 25, MAR_1)));
        write(src + MAR_1 + "/1709259999999.gz", gzip(events(26, 40, MAR_1)));
        write(src + (MAR_1 + DAY) + "/1709337600123.gz", gzip(events(41, 60, MAR_1 + DAY)));
        Cli.Result r = dryRun(tmp.resolve("my-bucket").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(": 60 lines read, 60 events"), r.err());
        assertTrue(r.err().contains("mapped:        60 events"), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(60, lines.size());
        assertTrue(lines.get(0).contains("/" + MAR_1 + "/1709251234567.gz\",\"line\":1,\"messageId\":\"m-1\""),
                lines.get(0));
        assertTrue(lines.get(59).contains("\"messageId\":\"m-60\""), "in path order: " + lines.get(59));
    }

    @Test
    void aWindowLeavesOutArchiveFilesOfBothLayoutsUnopenedAndCountsThem() throws Exception {
        // Every file outside the window is garbage: were it opened, it would be an input error (exit 1).
        String seg = "s3copy/segment-logs/src/";
        write(seg + (MAR_1 - 5 * DAY) + "/1.gz", GARBAGE);
        write(seg + MAR_1 + "/2.gz", gzip(events(1, 10, MAR_1)));
        write(seg + (MAR_1 + 9 * DAY) + "/3.gz", GARBAGE);
        String gw = "rudder/src-2/gw/";
        write(gw + "2024-02-20/14/1708437600_1708441199_ws_0a1b.json.gz", GARBAGE);
        write(gw + "2024-03-01/14/1709301600_1709305199_ws_2c3d.json.gz", gzip(events(11, 20, MAR_1)));
        write("rudder/jobs/gw_jobs_4.1.50.1709280000000.1709283600000.gz", gzip(events(21, 30, MAR_1)));
        write("rudder/jobs/gw_jobs_4.51.99.1710000000000.1710003600000.gz", GARBAGE);
        Cli.Result r = dryRun("--since", "2024-03-01", "--until", "2024-03-02", "--verbose", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("mapped:        30 events"), r.err());
        // --verbose was given and named them: no hint to give it
        assertTrue(r.err().contains("inputs left out: 4 (outside-window 4)\n"), r.err());
        assertFalse(r.err().contains("--verbose names them"), r.err());
        assertTrue(r.err().contains("cf-sync: left out " + tmp + "/" + seg + (MAR_1 - 5 * DAY)
                + "/1.gz: outside-window"), r.err());
        assertFalse(r.err().contains("input errors"), r.err());

        Cli.Result narrow = dryRun("--since", "2024-03-01", "--until", "2024-03-02", "--prune-slack", "off",
                tmp.toString());
        // Without pruning every file is looked at: the garbage named like RudderStack's JSON is read (an input
        // error), the rest is left out by its content.
        assertEquals(1, narrow.exit(), narrow.err());
        assertTrue(narrow.err().contains("input errors:  1 (binary 1)"), narrow.err());
        assertTrue(narrow.err().contains("inputs left out: 3 (not-event-data 3;"), narrow.err());
    }

    @Test
    void unreadableFilesInAFolderAreSkippedCountedAndNamedWithVerbose() throws Exception {
        write("exports/a/0001", String.join("\n", events(1, 3, MAR_1)).getBytes(StandardCharsets.UTF_8));
        write("exports/a/manifest.csv", "file,rows\n0001,3\n".getBytes(StandardCharsets.UTF_8));
        write("exports/.DS_Store", GARBAGE);
        Cli.Result quiet = dryRun(tmp.resolve("exports").toString());
        assertEquals(0, quiet.exit(), quiet.err());
        assertTrue(quiet.err().contains("mapped:        3 events"), quiet.err());
        assertTrue(quiet.err().contains("inputs left out: 2 (not-event-data 2; --verbose names them)"),
                quiet.err());
        assertFalse(quiet.err().contains("manifest.csv"), "named only with --verbose");

        Cli.Result verbose = dryRun("--verbose", tmp.resolve("exports").toString());
        assertTrue(verbose.err().contains("cf-sync: left out " + tmp + "/exports/a/manifest.csv: not-event-data"),
                verbose.err());
        assertTrue(verbose.err().contains("cf-sync: left out " + tmp + "/exports/.DS_Store: not-event-data"),
                verbose.err());
        assertTrue(verbose.err().contains("inputs left out: 2 (not-event-data 2)\n"), verbose.err());
        assertFalse(verbose.err().contains("--verbose names them"), verbose.err());
    }

    @Test
    void validateNamesWhatAFolderLeftOutOnStdout() throws Exception {
        write("exports/0001", String.join("\n", events(1, 3, MAR_1)).getBytes(StandardCharsets.UTF_8));
        write("exports/manifest.csv", "file,rows\n0001,3\n".getBytes(StandardCharsets.UTF_8));
        Cli.Result r = Cli.run(new byte[0], java.util.Map.of(), "validate", tmp.resolve("exports").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(tmp + "/exports/manifest.csv: left out: not-event-data\n", r.out());
        assertTrue(r.err().contains("inputs left out: 1 (not-event-data 1)\n"), r.err());
    }

    @Test
    void anEmptyFolderIsAUsageErrorThatNamesIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("segment-logs/src/1709251200000"));
        Cli.Result r = dryRun(empty.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("no input in folder " + empty + ": it holds no files (looked for"), r.err());
        assertTrue(r.out().isEmpty());
    }

    @Test
    void badPruneSlackAndEndpointsAreUsageErrors() {
        Cli.Result slack = dryRun("--prune-slack", "soon", "-");
        assertEquals(ExitCodes.USAGE, slack.exit(), slack.err());
        assertTrue(slack.err().contains("'soon' is not a duration such as 12h, 1d or 2d, or off"), slack.err());
        Cli.Result endpoint = dryRun("--s3-endpoint", "http://key:secret-value@127.0.0.1:9000", "-");
        assertEquals(ExitCodes.USAGE, endpoint.exit(), endpoint.err());
        assertFalse(endpoint.err().contains("secret-value"), endpoint.err());
        assertTrue(endpoint.err().contains("--s3-endpoint may not carry credentials"), endpoint.err());
    }
}
