package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.Cli;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send --dry-run} and {@code validate} facing damaged lines and inputs: every bad line is reported with file
 * and line, a bad input with its name, the run goes on, and the exit code is 1.
 */
@Timeout(60)
class BadInputsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GOOD = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";

    @TempDir
    Path tmp;

    private Path file(String name, byte[] bytes) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private Path file(String name, String... lines) throws Exception {
        return file(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private Cli.Result dryRun(String... inputs) {
        List<String> args = new ArrayList<>(List.of("send", "-d", "customerio", "--dry-run", "--dead-letter",
                tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(inputs));
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    private List<JsonNode> deadLetters() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(tmp.resolve("dead.ndjson"))) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    static String nested(int depth) {
        return "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"a\":" + "[".repeat(depth - 2)
                + "]".repeat(depth - 2) + "}}";
    }

    private static void noJavaInside(Cli.Result r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("java."), "no class names: " + r.err());
    }

    @Test
    void deeplyNestedLinesAreDeadLetteredAndTheRunGoesOn() throws Exception {
        Path in = file("deep.ndjson", GOOD, nested(1200), nested(1000), nested(500), GOOD);
        Cli.Result r = dryRun(in.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(3, r.out().lines().count(), "the good lines and the one exactly at the limit are mapped");
        assertFalse(r.err().contains("cannot write to standard output"), r.err());
        noJavaInside(r);
        List<JsonNode> dead = deadLetters();
        assertEquals(2, dead.size());
        for (int i = 0; i < 2; i++) {
            assertEquals("too-deeply-nested", dead.get(i).get("reason").asText());
            assertEquals(in.toString(), dead.get(i).get("file").asText());
            assertEquals(i + 2, dead.get(i).get("line").asInt());
        }

        Cli.Result v = Cli.run("validate", in.toString());
        assertEquals(1, v.exit());
        assertTrue(v.out().startsWith(in + ":2: too-deeply-nested: "), v.out());
        assertTrue(v.out().contains(in + ":3: too-deeply-nested: "), v.out());
    }

    @Test
    void aLineLedByNulBytesIsADeadLetterWithItsBytes() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((GOOD + "\n\0\0\0" + GOOD + "\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        Path in = file("nul.ndjson", b.toByteArray());
        Cli.Result r = dryRun(in.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(2, r.out().lines().count());
        noJavaInside(r);
        JsonNode d = deadLetters().get(0);
        assertEquals("not-json", d.get("reason").asText());
        assertEquals(2, d.get("line").asInt());
        assertEquals("\0\0\0" + GOOD, new String(java.util.Base64.getDecoder().decode(d.get("rawBase64").asText()),
                StandardCharsets.UTF_8));

        Cli.Result v = Cli.run("validate", in.toString());
        assertEquals(1, v.exit());
        assertTrue(v.out().startsWith(in + ":2: not-json: "), v.out());
    }

    @Test
    void aBinaryFileIsOneNamedErrorAndTheNextInputIsRead() throws Exception {
        byte[] noise = new byte[300_000];
        new Random(3).nextBytes(noise);
        Path bin = file("image.ndjson", noise);
        Path good = file("good.ndjson", GOOD, GOOD);
        Path report = tmp.resolve("report.json");
        Cli.Result r = dryRun("--report", report.toString(), bin.toString(), good.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, JSON.readTree(report.toFile()).at("/inputErrors/binary").asInt(), "in the run report too");
        assertEquals(2, r.out().lines().count());
        assertTrue(r.err().contains("cf-sync: " + bin + ": not text (binary data); skipped"), r.err());
        assertTrue(r.err().contains("input errors:  1 (binary 1)"), r.err());
        assertFalse(Files.exists(tmp.resolve("dead.ndjson")), "no dead letters for a binary file");
        noJavaInside(r);

        Cli.Result v = Cli.run("validate", bin.toString(), good.toString());
        assertEquals(1, v.exit());
        assertEquals(bin + ": not text (binary data); skipped\n", v.out());
    }

    @Test
    void aTruncatedGzipIsNamedWithItsLastLineAndTheNextInputIsRead() throws Exception {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(z)) {
            o.write((GOOD + "\n").repeat(20_000).getBytes(StandardCharsets.UTF_8));
        }
        Path gz = file("day.ndjson.gz", Arrays.copyOf(z.toByteArray(), z.size() / 2));
        Path good = file("good.ndjson", GOOD);
        Cli.Result r = dryRun(gz.toString(), good.toString());
        assertEquals(1, r.exit(), r.err());
        long mapped = r.out().lines().count() - 1;
        assertTrue(mapped > 0 && mapped < 20_000, "the lines before the cut are mapped: " + mapped);
        assertTrue(r.out().lines().reduce((a, b) -> b).orElseThrow().contains("\"file\":\"" + good + "\""),
                "the next input is read");
        assertTrue(r.err().contains("cf-sync: " + gz + ": gzip data ends early after line " + mapped), r.err());
        assertTrue(r.err().contains("input errors:  1 (gzip-truncated 1)"), r.err());
        noJavaInside(r);

        Cli.Result v = Cli.run("validate", gz.toString(), good.toString());
        assertEquals(1, v.exit());
        assertEquals(gz + ": gzip data ends early after line " + mapped + "\n", v.out());
    }

    @Test
    void aNumberBeyondADoubleIsNeverSentAsInfinityAndItsDeadLetterKeepsTheBytes() throws Exception {
        String line = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"x\":1e999,\"y\":1.50,"
                + "\"z\":\"\\u00e9\"}}";
        Path in = file("big.ndjson", GOOD, line, GOOD.replace("}", ",\"properties\":{\"x\":-1e999}}"));
        Cli.Result r = dryRun(in.toString());
        assertEquals(1, r.exit(), r.err());
        assertFalse(r.out().contains("Infinity"), r.out());
        assertEquals(1, r.out().lines().count());
        List<String> dead = Files.readAllLines(tmp.resolve("dead.ndjson"));
        assertEquals(2, dead.size());
        assertTrue(dead.get(0).endsWith(",\"event\":" + line + "}"), "the event byte for byte: " + dead.get(0));
        JsonNode d = JSON.readTree(dead.get(0));
        assertEquals("number-out-of-range", d.get("reason").asText());
        assertTrue(d.get("detail").asText().startsWith("\"properties.x\" "), d.get("detail").asText());

        // Replayed as it is, the dead letter fails the same way and keeps the same bytes.
        Path again = tmp.resolve("again.ndjson");
        Cli.Result replay = Cli.run("send", "-d", "customerio", "--dry-run", "--dead-letter", again.toString(),
                tmp.resolve("dead.ndjson").toString());
        assertEquals(1, replay.exit(), replay.err());
        assertTrue(Files.readAllLines(again).get(0).endsWith(",\"event\":" + line + "}"));
    }

    @Test
    void entriesNameTheDestinationAndTheRun() throws Exception {
        Path in = file("in.ndjson", GOOD, "{oops");
        dryRun(in.toString());
        dryRun(in.toString());
        List<JsonNode> dead = deadLetters();
        assertEquals(2, dead.size());
        assertEquals("customerio", dead.get(0).get("dest").asText());
        assertEquals(36, dead.get(0).get("run").asText().length(), "a run id");
        assertNotEquals(dead.get(0).get("run"), dead.get(1).get("run"), "each run has its own id");
    }

    @Test
    void aTornDeadLetterFileIsRepairedBeforeAppending() throws Exception {
        Path dl = tmp.resolve("dead.ndjson");
        Files.writeString(dl, "{\"reason\":\"invalid-json\",\"file\":\"x\",\"line\":1,\"raw\":\"{\"}\n{\"reason\":\"inv");
        Cli.Result r = dryRun(file("in.ndjson", "{oops").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("removed its 14 bytes"), r.err());
        assertEquals(2, deadLetters().size(), "every line is whole JSON");
    }

    @Test
    void aDryRunWritesDeadLettersOnlyToAFileAskedFor() throws Exception {
        Path defaultFile = Path.of("cf-sync-dead-letter.ndjson");
        long before = Files.exists(defaultFile) ? Files.size(defaultFile) : -1;
        Path in = file("in.ndjson", GOOD, "{oops");
        Cli.Result r = Cli.run("send", "-d", "customerio", "--dry-run", in.toString());
        assertEquals(1, r.exit(), "still an incomplete run");
        assertEquals(before, Files.exists(defaultFile) ? Files.size(defaultFile) : -1,
                "the default dead-letter file is left alone");
        assertTrue(r.err().contains("dead-lettered: 1 (invalid-json 1)"), r.err());
        assertTrue(r.err().contains("not written by a dry-run") && r.err().contains("cf-sync validate")
                && r.err().contains("--dead-letter FILE"), r.err());
    }
}
