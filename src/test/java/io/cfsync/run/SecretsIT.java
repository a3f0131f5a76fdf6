package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.cfsync.cli.ExitCodes;
import io.cfsync.dest.PathSegment;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.Spellings;
import io.cfsync.testkit.VendorStub;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * No spelling of a credential reaches any output. The vendor echoes the Authorization header and the key back in
 * several encodings (a 401, a 400 with the key JSON-escaped, a 500 longer than the excerpt with the key across
 * the cut); every output cf-sync has is then searched for the key raw, JSON-escaped, percent-encoded, as base64 of
 * the key and of {@code siteId:key}, and for any 8-character piece of it.
 */
@Timeout(120)
class SecretsIT {
    static final String SITE = "site-7";
    static final String KEY = "k\"e\\y/1?>+=é€-Zq7wK2pX9";
    static final List<String> FORBIDDEN = Spellings.forbidden(SITE, KEY, 8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    VendorStub vendor;
    Path input;

    @BeforeEach
    void start() throws IOException {
        vendor = new VendorStub();
        vendor.answer((req, n) -> echo(req));
        input = tmp.resolve("in.ndjson");
        // The always-failing event comes last and, one request at a time, goes out alone: with nothing else answered
        // after its first attempt, the vendor's check request (sent with the same key) tells it from an outage.
        Files.write(input, List.of(
                identify("u-ok", 1), identify("u-400", 2), identify("u-ok", 4), "{\"type\":\"identify\"}",
                identify("u-500", 3)), StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private static String identify(String user, int n) {
        return "{\"type\":\"identify\",\"messageId\":\"m-" + n + "\",\"userId\":\"" + user
                + "\",\"traits\":{\"n\":" + n + "}}";
    }

    /** The vendor: echoes what it was sent, in the ways real APIs and proxies do. */
    private static ResponseDefinition echo(VendorStub.Seen req) {
        String auth = req.authorization();
        if (req.url().contains("u-401")) {
            String body = json(Map.of("error", "unauthorized", "authorization", auth, "key", KEY))
                    .replace("/", "\\/"); // as PHP's json_encode writes it
            return aResponse().withStatus(401).withBody(body).build();
        }
        if (req.url().contains("u-400")) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("reason", "invalid key " + KEY);
            e.put("escaped", Spellings.asciiJson(KEY));
            e.put("percent", PathSegment.encode(KEY));
            e.put("form", URLEncoder.encode(KEY, StandardCharsets.UTF_8));
            e.put("base64", Spellings.base64(KEY).get(3));
            e.put("header", auth);
            return aResponse().withStatus(400).withBody(json(Map.of("errors", List.of(e)))).build();
        }
        if (req.url().contains("u-500")) {
            // Pretty-printed: 1,180 blanks, so the key spans byte 1,200 of the body, then a second key placed
            // across the 300th character of the excerpt once blanks are collapsed and the first key redacted.
            String key = Spellings.json(KEY);
            String body = "\n".repeat(1180) + "{\"e\":\"" + key + "\",\"pad\":\"" + "p".repeat(257)
                    + "\",\"k2\":\"" + key + "\",\"auth\":\"" + auth + "\",\"tail\":\"" + "t".repeat(2000) + "\"}";
            return aResponse().withStatus(500).withHeader("Retry-After", "0").withBody(body).build();
        }
        return aResponse().withStatus(200).withBody("{}").build();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> send(Path dir, String... extra) throws IOException {
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=" + SITE,
                "--set", "apiKey=" + KEY, "--base-url", vendor.baseUrl(), "--max-retries", "2", "--concurrency", "1",
                "--progress", "log", "--state", dir.resolve("ledger.db").toString(),
                "--dead-letter", dir.resolve("dead.ndjson").toString(),
                "--outcomes", dir.resolve("outcomes.ndjson").toString(),
                "--report", dir.resolve("report.json").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private static void assertClean(String where, String text) {
        String found = Spellings.firstIn(text, FORBIDDEN);
        assertNull(found, () -> where + " holds '" + found + "':\n" + text);
    }

    /** Every file the run left in {@code dir} (ledger, its -wal and -shm, dead letters, outcomes, report). */
    private static void assertFilesClean(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertClean(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aSendAtEveryVerbosityPrintsNoSpellingOfTheKey() throws Exception {
        for (String verbosity : List.of("--quiet", "--batch", "--verbose")) {
            Path dir = tmp.resolve("run" + verbosity.replace("-", ""));
            List<String> args = send(dir, verbosity, input.toString());
            Cli.Result r = Cli.run(new byte[0], Map.of(), args.toArray(String[]::new));
            assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
            assertClean("stdout " + verbosity, r.out());
            assertClean("stderr " + verbosity, r.err());
            assertFilesClean(dir);
            String dead = Files.readString(dir.resolve("dead.ndjson"));
            assertTrue(dead.contains("\"status\":400") && dead.contains("\"status\":500"), dead);
            assertTrue(dead.contains("<redacted>"), "the echoes were redacted, not lost: " + dead);
            com.fasterxml.jackson.databind.JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
            assertTrue(report.get("command").toString().contains("\"apiKey=<redacted>\""), report.toString());
            if (verbosity.equals("--verbose")) {
                assertTrue(r.err().contains("will retry"), "retries were logged: " + r.err());
                assertTrue(r.err().contains("check request): HTTP 200"), "the probe was logged: " + r.err());
            }
        }
    }

    @Test
    void aRefusedKeyAbortsWithoutShowingIt() throws Exception {
        Path in = tmp.resolve("in401.ndjson");
        Files.write(in, List.of(identify("u-401", 1), identify("u-ok", 2)), StandardCharsets.UTF_8);
        Path dir = tmp.resolve("run401");
        Cli.Result r = Cli.run(new byte[0], Map.of(), send(dir, "--verbose", in.toString()).toArray(String[]::new));
        assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
        assertTrue(r.err().contains("401"), r.err());
        assertClean("stdout", r.out());
        assertClean("stderr", r.err());
        assertFilesClean(dir);
    }

    @Test
    void theDryRunShowsNoKeyInEitherFormat() throws Exception {
        for (String format : List.of("ndjson", "pretty")) {
            Path dir = tmp.resolve("dry-" + format);
            List<String> args = send(dir, "--dry-run", "--verbose", "--format", format, input.toString());
            Cli.Result r = Cli.run(new byte[0], Map.of(), args.toArray(String[]::new));
            assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
            assertTrue(r.out().contains("Basic <redacted>"), r.out());
            assertClean("stdout " + format, r.out());
            assertClean("stderr " + format, r.err());
            assertFilesClean(dir);
        }
        assertEquals(0, vendor.count(), "a dry-run sends nothing");
    }

    @Test
    void aKeyInTheEnvironmentOrAConfigFileIsHiddenToo() throws Exception {
        Path config = tmp.resolve("cf-sync.yaml");
        Files.writeString(config, "destinations:\n  customerio:\n    siteId: " + SITE + "\n    apiKey: ${THE_KEY}\n");
        Path dir = tmp.resolve("env");
        Files.createDirectories(dir);
        Cli.Result r = Cli.run(new byte[0], Map.of("THE_KEY", KEY), "send", "--dest", "customerio",
                "--config", config.toString(), "--base-url", vendor.baseUrl(), "--max-retries", "1", "--verbose",
                "--state", dir.resolve("ledger.db").toString(), "--dead-letter", dir.resolve("dead.ndjson").toString(),
                "--report", dir.resolve("report.json").toString(), input.toString());
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        assertClean("stderr", r.err());
        assertFilesClean(dir);
    }

    @Test
    void credentialsInTheBaseUrlAreRefusedUnread() throws Exception {
        for (String url : List.of("http://" + SITE + ":" + KEY + "@127.0.0.1:" + vendor.server.port(),
                "http://" + SITE + ":" + PathSegment.encode(KEY) + "@127.0.0.1:" + vendor.server.port())) {
            Path dir = tmp.resolve("userinfo" + url.length());
            Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=" + SITE,
                    "--set", "apiKey=other-key", "--base-url", url, "--report", dir.resolve("r.json").toString(),
                    input.toString());
            assertEquals(ExitCodes.USAGE, r.exit(), r.err());
            assertTrue(r.err().contains("--base-url must not carry credentials"), r.err());
            assertClean("stderr", r.err());
            assertTrue(Files.notExists(dir), "nothing was written");
        }
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "custify",
                "--set", "baseUrl=http://u:" + KEY + "@127.0.0.1:1", "--set", "apiKey=other-key", input.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertClean("stderr", r.err());
        assertEquals(0, vendor.count(), "nothing was sent");
    }

    @Test
    void aMistypedOptionDoesNotEchoTheKey() {
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--sett", "apiKey=" + KEY,
                "--dry-run", "--bogus=" + KEY, "http://u:" + KEY + "@h/x");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertClean("stderr", r.err());
    }

    /** A real process: what reaches the process's own stderr (picocli warnings go there, not to the run's). */
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aChildProcessPrintsNoSpellingOfTheKey() throws Exception {
        Path dir = tmp.resolve("child");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.cfsync.Main"));
        cmd.addAll(send(dir, "--verbose", input.toString()));
        Path out = tmp.resolve("child.out");
        Path err = tmp.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                fail("the child did not finish; its threads:\n" + threads(p) + "\nits stderr:\n"
                        + Files.readString(err));
            }
            String stderr = Files.readString(err);
            assertEquals(ExitCodes.INCOMPLETE, p.exitValue(), stderr);
            assertTrue(stderr.contains("will retry"), stderr);
            assertClean("stdout", Files.readString(out));
            assertClean("stderr", stderr);
            assertFilesClean(dir);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The thread dump of a child that hangs, so that a hang can be told from a slow machine. */
    private static String threads(Process p) throws IOException, InterruptedException {
        Process dump = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(p.pid()), "Thread.print").redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor(10, TimeUnit.SECONDS);
        return text;
    }
}
