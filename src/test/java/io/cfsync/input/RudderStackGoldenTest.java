package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden input cases for RudderStack backups: every folder under {@code src/test/resources/inputs/rudderstack/}
 * holds {@code input.ndjson}, read gzipped (as backups are) by {@code cf-sync send --dest customerio --dry-run};
 * the dry-run output, the outcomes and the dead letters (run id and folder written as placeholders) must match
 * {@code expected.ndjson}, {@code expected-outcomes.ndjson} and {@code expected-dead.ndjson}, and no write key may
 * appear in anything written or printed, {@code --verbose} and the run report included. Regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
@Timeout(120)
class RudderStackGoldenTest {
    static final Path ROOT = Paths.get("src/test/resources/inputs/rudderstack");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT)) {
            for (Path c : s.filter(p -> Files.isRegularFile(p.resolve("input.ndjson"))).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(c.getFileName().toString(), () -> run(c)));
            }
        }
        assertEquals(3, tests.size(), "the three RudderStack line shapes each have a case");
        return tests.stream();
    }

    private void run(Path dir) throws IOException {
        Path work = Files.createTempDirectory(tmp, dir.getFileName().toString());
        Path gz = work.resolve("backup.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(dir.resolve("input.ndjson")));
        }
        Path dead = work.resolve("dead.ndjson");
        Path outcomes = work.resolve("outcomes.ndjson");
        Path report = work.resolve("report.json");
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--dry-run", "--verbose",
                "--set", "siteId=SITE", "--set", "apiKey=cio-key-golden-1", "--dead-letter", dead.toString(),
                "--outcomes", outcomes.toString(), "--report", report.toString(), gz.toString());
        assertEquals(1, r.exit(), r.err());
        String w = work.toString();
        String out = r.out().replace(w, "<dir>");
        String outc = Files.readString(outcomes).replace(w, "<dir>");
        String dl = Files.readString(dead).replace(w, "<dir>").replaceAll("\"run\":\"[^\"]+\"", "\"run\":\"<run>\"");
        for (String printed : List.of(r.out(), r.err(), Files.readString(outcomes), Files.readString(dead),
                Files.readString(report))) {
            assertFalse(printed.contains("SECRET"), "a write key leaked into output of " + dir + ":\n" + printed);
        }
        check(dir.resolve("expected.ndjson"), out);
        check(dir.resolve("expected-outcomes.ndjson"), outc);
        check(dir.resolve("expected-dead.ndjson"), dl);
    }

    @org.junit.jupiter.api.Test
    void validateNamesEachBrokenElementByLineAndIndexAndNeverTheWriteKey() throws IOException {
        Path in = ROOT.resolve("archiver/input.ndjson");
        Cli.Result r = Cli.run(new byte[0], Map.of(), "validate", in.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(List.of(in + ":2[0]: invalid-event-name: track event has no \"event\" name",
                in + ":3: invalid-envelope: RudderStack line: \"payload\" has no \"batch\" array",
                in + ":4: invalid-json: not valid JSON at column 183"), r.out().lines().toList());
        assertTrue(r.err().contains("4 lines read, 4 events"), r.err()); // valid ones
        assertFalse(r.out().contains("SECRET") || r.err().contains("SECRET"));
    }

    private static void check(Path expected, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(expected), "missing " + expected);
        assertEquals(Files.readString(expected), actual, "golden mismatch: " + expected);
    }
}
