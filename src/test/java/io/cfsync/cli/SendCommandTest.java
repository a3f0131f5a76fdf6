package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.Main;
import io.cfsync.testkit.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The send command as a user drives it: inputs, filters, settings sources, outcomes and exit codes. */
class SendCommandTest {
    static final String SECRET = "s3cr3t-api-key-do-not-print";
    static final String IDENTIFY = "{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"u1\","
            + "\"timestamp\":\"2024-03-01T10:00:00Z\",\"traits\":{\"email\":\"a@example.com\"}}";
    static final String TRACK = "{\"type\":\"track\",\"messageId\":\"m2\",\"userId\":\"u1\",\"event\":\"Signed In\","
            + "\"timestamp\":\"2024-02-10T10:00:00Z\"}";
    static final String PAGE_NO_TIME = "{\"type\":\"page\",\"messageId\":\"m3\",\"userId\":\"u2\",\"name\":\"Home\"}";
    static final String BAD_TIME = "{\"type\":\"track\",\"messageId\":\"m4\",\"userId\":\"u1\",\"event\":\"X\","
            + "\"timestamp\":\"2024-02-30T10:00:00Z\"}";

    @TempDir
    Path tmp;

    private Path file(String name, String... lines) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private Cli.Result send(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "send";
        all[1] = "--dead-letter";
        all[2] = tmp.resolve("dead.ndjson").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(new byte[0], env, all);
    }

    @Test
    void cleanRunExitsZeroAndPrintsOneLinePerRequest() throws Exception {
        Path in = file("in.ndjson", IDENTIFY, TRACK);
        Cli.Result r = send(Map.of(), "-d", "customerio", "--dry-run", in.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"dest\":\"customerio\",\"source\":{\"file\":\"" + in
                + "\",\"line\":1,\"messageId\":\"m1\"},\"method\":\"PUT\",\"url\":"), lines.get(0));
        assertTrue(r.err().contains("mapped:"), r.err());
        assertFalse(Files.exists(tmp.resolve("dead.ndjson")), "no dead-letter file when nothing is dead-lettered");
    }

    @Test
    void invalidEventsGoToTheDeadLetterFileAndExitOne() throws Exception {
        Path in = file("in.ndjson", IDENTIFY, BAD_TIME, "{oops", TRACK);
        Cli.Result r = send(Map.of(), "-d", "customerio", "--dry-run", in.toString());
        assertEquals(1, r.exit());
        assertEquals(2, r.out().lines().count());
        List<String> dead = Files.readAllLines(tmp.resolve("dead.ndjson"));
        assertEquals(2, dead.size());
        assertTrue(dead.get(0).startsWith("{\"reason\":\"invalid-timestamp\""), dead.get(0));
        assertTrue(dead.get(0).contains("\"file\":\"" + in + "\",\"line\":2,\"event\":{"), dead.get(0));
        assertTrue(dead.get(1).contains("\"line\":3,\"raw\":\"{oops\""), dead.get(1));
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void deadLetterFileReplaysAsItIs() throws Exception {
        Path in = file("in.ndjson", IDENTIFY, BAD_TIME, "{\"type\":\"alias\",\"anonymousId\":\"a\",\"previousId\":\"b\"}");
        send(Map.of(), "-d", "customerio", "--dry-run", in.toString());
        Path dead = tmp.resolve("dead.ndjson");
        String fixed = Files.readString(dead).replace("2024-02-30", "2024-02-28");
        Path replay = file("replay.ndjson", fixed.strip());
        Path dead2 = tmp.resolve("dead2.ndjson");
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "-d", "customerio", "--dry-run", "--dead-letter",
                dead2.toString(), replay.toString());
        assertEquals(1, r.exit(), "the alias still lacks a userId");
        assertEquals(1, r.out().lines().count(), "the fixed track event is mapped");
        assertTrue(r.out().contains("\"name\":\"X\""));
        assertEquals(1, Files.readAllLines(dead2).size());
    }

    @Test
    void stdinIsReadWithDashOrNoInput() {
        byte[] in = (IDENTIFY + "\n").getBytes(StandardCharsets.UTF_8);
        for (String[] args : List.of(new String[] {"send", "-d", "customerio", "--dry-run", "-"},
                new String[] {"send", "-d", "customerio", "--dry-run"})) {
            Cli.Result r = Cli.run(in, Map.of(), args);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("\"file\":\"-\",\"line\":1"), r.out());
        }
    }

    @Test
    void filtersSkipAndCountByReasonKeepingEventsWithoutTime() throws Exception {
        Path in = file("in.ndjson", IDENTIFY, TRACK, PAGE_NO_TIME);
        Path outcomes = tmp.resolve("outcomes.ndjson");
        Cli.Result r = send(Map.of(), "-d", "customerio", "--dry-run", "--since", "2024-03-01", "--outcomes",
                outcomes.toString(), in.toString());
        assertEquals(0, r.exit());
        assertEquals(2, r.out().lines().count());
        assertTrue(Files.readString(outcomes).contains("\"line\":2,\"messageId\":\"m2\",\"outcome\":\"skipped\","
                + "\"reason\":\"before-since\""));
        assertTrue(r.err().contains("before-since 1"), r.err());
        assertTrue(r.err().contains("kept without a timestamp"), r.err());

        Cli.Result types = send(Map.of(), "-d", "customerio", "--dry-run", "--type", "track,page", in.toString());
        assertEquals(2, types.out().lines().count());
        assertTrue(types.err().contains("type-filter 1"), types.err());

        Cli.Result names = send(Map.of(), "-d", "customerio", "--dry-run", "--event", "Signed In", "--until",
                "2024-03-01T00:00:00Z", in.toString());
        assertEquals(1, names.out().lines().count());
        assertTrue(names.out().contains("Signed In"));
    }

    @Test
    void settingsComeFromSetThenEnvironmentThenConfigFile() throws Exception {
        Path cfg = file("cf.yaml", "destinations:", "  customerio:", "    siteId: ${MY_SITE}", "    region: EU");
        Path in = file("in.ndjson", IDENTIFY);
        Map<String, String> env = Map.of("MY_SITE", "site-from-config");
        Cli.Result fromConfig = send(env, "-d", "customerio", "--dry-run", "-v", "--config", cfg.toString(),
                in.toString());
        assertEquals(0, fromConfig.exit(), fromConfig.err());
        assertTrue(fromConfig.out().contains("https://track-eu.customer.io/"));
        assertTrue(fromConfig.err().contains("siteId = site-from-config (config file " + cfg
                + ", line 3)"), fromConfig.err());

        Cli.Result fromEnv = send(Map.of("MY_SITE", "x", "CF_SYNC_CUSTOMERIO_REGION", "US"), "-d", "customerio",
                "--dry-run", "--config", cfg.toString(), in.toString());
        assertTrue(fromEnv.out().contains("https://track.customer.io/"));

        Cli.Result fromSet = send(Map.of("MY_SITE", "x", "CF_SYNC_CUSTOMERIO_REGION", "US"), "-d", "customerio",
                "--dry-run", "--config", cfg.toString(), "--set", "region=eu", in.toString());
        assertTrue(fromSet.out().contains("https://track-eu.customer.io/"));

        Cli.Result missingVar = send(Map.of(), "-d", "customerio", "--dry-run", "--config", cfg.toString(),
                in.toString());
        assertEquals(2, missingVar.exit());
        assertTrue(missingVar.err().contains("MY_SITE"), missingVar.err());
    }

    @Test
    void usageErrorsExitTwoAndNameTheProblem() throws Exception {
        Path in = file("in.ndjson", IDENTIFY);
        record Case(String needle, String[] args) { }
        for (Case c : List.of(
                new Case("unknown destination 'mailchimp'", new String[] {"-d", "mailchimp", "--dry-run"}),
                new Case("'colour'", new String[] {"-d", "customerio", "--dry-run", "--set", "colour=red"}),
                new Case("'maxTraits'", new String[] {"-d", "customerio", "--dry-run", "--set", "maxTraits=lots"}),
                new Case("'region'", new String[] {"-d", "customerio", "--dry-run", "--set", "region=mars"}),
                new Case("--type 'clicks'", new String[] {"-d", "customerio", "--dry-run", "--type", "clicks"}),
                new Case("--since 'yesterday'", new String[] {"-d", "customerio", "--dry-run", "--since",
                    "yesterday"}),
                new Case("no such file", new String[] {"-d", "customerio", "--dry-run", "/nonexistent/x.ndjson"}),
                new Case("--dest", new String[] {"--dry-run"}),
                new Case("'siteId'", new String[] {"-d", "customerio", "--set", "apiKey=" + SECRET}))) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(c.args()),
                    java.util.stream.Stream.of(in.toString())).toArray(String[]::new);
            Cli.Result r = send(Map.of(), args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains(c.needle()), c.needle() + " in: " + r.err());
            assertFalse(r.err().contains(SECRET));
        }
    }

    @Test
    void theDeadLetterFileCannotAlsoBeAnInput() throws Exception {
        Path dead = file("dead.ndjson", IDENTIFY);
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "-d", "customerio", "--dry-run", "--dead-letter",
                dead.toString(), dead.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("also an input"), r.err());
    }

    @Test
    void secretsAppearNowhereEvenVerbose() throws Exception {
        Path in = file("in.ndjson", IDENTIFY, BAD_TIME,
                "{\"type\":\"identify\",\"userId\":\"u9\",\"traits\":{\"note\":\"" + SECRET + "\"},\"timestamp\":5}");
        Path cfg = file("cf.yaml", "destinations:", "  customerio:", "    apiKey: " + SECRET);
        for (String[] args : List.of(
                new String[] {"-d", "customerio", "--dry-run", "-v", "--set", "apiKey=" + SECRET, "--set",
                    "siteId=site", in.toString()},
                new String[] {"-d", "customerio", "--dry-run", "--verbose", "--config", cfg.toString(),
                    "--format", "pretty", in.toString()})) {
            Cli.Result r = send(Map.of("CF_SYNC_CUSTOMERIO_API_KEY", SECRET), args);
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.out().contains("Basic <redacted>"), r.out());
            assertFalse(r.out().contains(SECRET), "stdout");
            assertFalse(r.err().contains(SECRET), "stderr");
            assertFalse(Files.readString(tmp.resolve("dead.ndjson")).contains(SECRET), "dead letters");
        }
    }

    @Test
    void prettyFormatPrintsTheSameRequestsIndented() throws Exception {
        Path in = file("in.ndjson", IDENTIFY, TRACK);
        Cli.Result r = send(Map.of(), "-d", "customerio", "--dry-run", "--format", "pretty", in.toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("\n  \"source\" : {"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("{")).count());
    }

    @Test
    void aFailedWriteToStdoutOtherThanAClosedPipeAbortsWithExitThree() throws Exception {
        Path in = file("in.ndjson", IDENTIFY, TRACK);
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(java.io.InputStream.nullInputStream(), broken,
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), "send", "-d", "customerio",
                "--dry-run", "--dead-letter", tmp.resolve("d.ndjson").toString(), in.toString());
        assertEquals(3, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot write to standard output: No space left on device"));
    }

    @Test
    void sendingWithoutCredentialsIsAUsageError() throws Exception {
        Path in = file("in.ndjson", IDENTIFY);
        Cli.Result r = send(Map.of(), "-d", "customerio", in.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("CF_SYNC_CUSTOMERIO_API_KEY"), r.err());
    }
}
