package io.cfsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.testkit.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden cases: every folder {@code src/test/resources/golden/<dest>/<case>/} holds {@code input.ndjson},
 * {@code settings.json} (the {@code --set} values) and optionally {@code args.txt} (extra arguments, one per line),
 * {@code expected.ndjson} (the dry-run stdout) and {@code expected-outcomes.ndjson} (where each line ended).
 * Each case runs the real command line, {@code cf-sync send --dest <dest> --dry-run … -}, twice: output must match
 * and be byte-identical between runs, and no secret may appear anywhere. Regenerate with
 * {@code scripts/update-golden} and review the diff.
 */
class GoldenTest {
    static final Path ROOT = Paths.get("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path c : cases()) {
            tests.add(DynamicTest.dynamicTest(ROOT.relativize(c).toString(), () -> runCase(c)));
        }
        assertFalse(tests.isEmpty(), "no golden cases found under " + ROOT);
        return tests.stream();
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT, 2)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("input.ndjson"))).sorted().toList();
        }
    }

    private void runCase(Path dir) throws IOException {
        String destName = dir.getParent().getFileName().toString();
        Destination dest = Destinations.find(destName);
        assertTrue(dest != null, "golden folder names unknown destination " + destName);
        JsonNode settings = JSON.readTree(dir.resolve("settings.json").toFile());
        List<String> args = new ArrayList<>(List.of("send", "--dest", destName, "--dry-run"));
        List<String> secrets = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            args.add("--set");
            args.add(e.getKey() + "=" + e.getValue().asText());
            for (SettingSpec s : dest.settings()) {
                if (s.secret() && (norm(s.key()).equals(norm(e.getKey()))
                        || s.aliases().stream().anyMatch(a -> norm(a).equals(norm(e.getKey()))))) {
                    secrets.add(e.getValue().asText());
                }
            }
        }
        Path extra = dir.resolve("args.txt");
        if (Files.exists(extra)) {
            for (String a : Files.readAllLines(extra)) {
                if (!a.isBlank()) {
                    args.add(a.trim());
                }
            }
        }
        byte[] input = Files.readAllBytes(dir.resolve("input.ndjson"));
        String[] first = runOnce(args, input, "1");
        String[] second = runOnce(args, input, "2");
        assertEquals(first[0], second[0], "dry-run output differs between two runs");
        assertEquals(first[1], second[1], "outcomes differ between two runs");
        for (String secret : secrets) {
            for (String printed : first) {
                assertFalse(printed.contains(secret), "a secret leaked into the output of " + dir);
            }
        }
        check(dir.resolve("expected.ndjson"), first[0]);
        check(dir.resolve("expected-outcomes.ndjson"), first[1]);
    }

    private static String norm(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Runs once; returns stdout, outcomes, dead letters and stderr. */
    private String[] runOnce(List<String> baseArgs, byte[] input, String tag) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "run" + tag);
        Path dl = dir.resolve("dead.ndjson");
        Path outcomes = dir.resolve("outcomes.ndjson");
        List<String> args = new ArrayList<>(baseArgs);
        args.addAll(List.of("--dead-letter", dl.toString(), "--outcomes", outcomes.toString(), "-"));
        Cli.Result r = Cli.run(input, Map.of(), args.toArray(new String[0]));
        assertTrue(r.exit() == 0 || r.exit() == 1, "unexpected exit " + r.exit() + ": " + r.err());
        String dead = Files.exists(dl) ? Files.readString(dl) : "";
        long deadLines = dead.lines().count();
        String outcomeText = Files.readString(outcomes);
        long deadOutcomes = outcomeText.lines().filter(l -> l.contains("\"outcome\":\"dead-lettered\"")).count();
        assertEquals(deadOutcomes, deadLines, "every dead-lettered outcome has one dead-letter line");
        assertEquals(deadLines > 0 ? 1 : 0, r.exit(), "exit code says whether anything was dead-lettered");
        return new String[] {r.out(), outcomeText, dead, r.err()};
    }

    private static void check(Path expectedFile, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile + " (run scripts/update-golden)");
        assertEquals(Files.readString(expectedFile), actual, "golden mismatch: " + expectedFile);
    }
}
