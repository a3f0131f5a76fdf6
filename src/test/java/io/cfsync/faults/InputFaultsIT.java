package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to stop a backfill for good, each read by real {@code cf-sync send} processes against the fault
 * vendor: a line of 100 MB in a file and one of 1 GB on standard input, under the launcher's 256 MB heap (skipped
 * while streaming, dead-lettered as {@code line-too-long}, the run goes on and the next one resumes past it); a
 * named pipe (read once like stdin); and two files whose names differ only in bytes that are not UTF-8 (two inputs
 * with a ledger row each). Every case: nothing lost, nothing sent twice, the exit code and the summary line.
 */
@EnabledOnOs(OS.LINUX)
class InputFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HEAP = List.of("-Xmx256m");
    private static final String WRITE_KEY = "wk-never-shown-4411";

    @TempDir
    Path work;

    /** The head of a huge line: an event whose one property is {@code length} bytes of {@code x}, and a write key. */
    private static byte[] hugeHead() {
        return ("{\"type\":\"track\",\"userId\":\"u-huge\",\"event\":\"Dump\",\"writeKey\":\"" + WRITE_KEY
                + "\",\"properties\":{\"blob\":\"").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a huge line of {@code length} bytes in all, line end included, from one reused buffer. */
    private static void writeHuge(OutputStream out, long length) throws IOException {
        byte[] head = hugeHead();
        byte[] tail = "\"}}\n".getBytes(StandardCharsets.UTF_8);
        out.write(head);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        for (long left = length - head.length - tail.length; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.write(tail);
    }

    /** The one dead letter for the huge line: where it was, how long, and its first bytes without the write key. */
    private static void assertHugeLineDeadLettered(InputRuns runs, String file, long line, long length)
            throws IOException {
        List<String> dead = runs.deadLetters();
        assertFalse(String.join("\n", dead).contains(WRITE_KEY), "the write key is never written");
        List<JsonNode> tooLong = dead.stream().map(InputFaultsIT::json)
                .filter(n -> n.path("reason").asText().equals("line-too-long")).toList();
        assertEquals(1, tooLong.size(), "one line-too-long dead letter");
        JsonNode e = tooLong.get(0);
        assertEquals(file, e.path("file").asText());
        assertEquals(line, e.path("line").asLong());
        assertTrue(e.path("detail").asText().contains((length - 1) + " bytes"), e.path("detail").asText());
        assertTrue(e.path("raw").asText().startsWith("{\"type\":\"track\",\"userId\":\"u-huge\""), e.toString());
        assertTrue(e.path("raw").asText().length() <= 1024, "only the first bytes are kept");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("dead-letter line is not JSON: " + line, e);
        }
    }

    @Test
    @Timeout(150)
    void aHundredMegabyteLineIsDeadLetteredAndTheNextRunResumesPastIt() throws Exception {
        long length = 100L << 20;
        try (InputRuns runs = new InputRuns(work, 501, 220, 44)) {
            int half = runs.corpus.lines().size() / 2;
            Path input = work.resolve("in.ndjson");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(input), 1 << 20)) {
                out.write(runs.text(0, half).getBytes(StandardCharsets.UTF_8));
                writeHuge(out, length);
                out.write(runs.text(half, runs.corpus.lines().size()).getBytes(StandardCharsets.UTF_8));
            }
            List<String> command = runs.command(HEAP, input.toString());
            InputRuns.Run first = runs.run(command, null, null, null);
            int lines = runs.corpus.lines().size() + 1;
            assertEquals(1, first.exit(), "dead letters make exit 1: " + first.tail());
            assertTrue(first.summary().contains(": " + lines + " lines read"), first.summary());
            assertTrue(first.stderr().contains("line-too-long 1"), first.tail());
            runs.assertNothingLost();
            assertHugeLineDeadLettered(runs, input.toString(), half + 1, length);

            InputRuns.Run again = runs.run(command, null, null, null);
            assertEquals(0, again.exit(), again.tail());
            assertEquals(0, again.arrivals(), "the same command again sends nothing");
            assertEquals(0, again.newDeadLetters(), "and dead-letters nothing: the huge line is finished");
            assertTrue(again.stderr().contains("inputs finished earlier: "), again.tail());
            runs.assertNothingLost();
        }
    }

    @Test
    @Timeout(150)
    void aGigabyteLineOnStandardInputIsStreamedPastUnder256MbOfHeap() throws Exception {
        long length = 1L << 30;
        try (InputRuns runs = new InputRuns(work, 502, 120, 24)) {
            int half = runs.corpus.lines().size() / 2;
            InputRuns.Run run = runs.run(runs.command(HEAP, "-"), out -> {
                out.write(runs.text(0, half).getBytes(StandardCharsets.UTF_8));
                writeHuge(out, length);
                out.write(runs.text(half, runs.corpus.lines().size()).getBytes(StandardCharsets.UTF_8));
            }, null, null);
            assertEquals(1, run.exit(), "dead letters make exit 1: " + run.tail());
            assertTrue(run.summary().contains(": " + (runs.corpus.lines().size() + 1) + " lines read"),
                    run.summary());
            assertTrue(run.stderr().contains("line-too-long 1"), run.tail());
            assertFalse(run.stderr().contains("OutOfMemoryError"), run.tail());
            runs.assertNothingLost();
            assertHugeLineDeadLettered(runs, "-", half + 1, length);
        }
    }

    @Test
    @Timeout(120)
    void aNamedPipeIsReadOnceLikeStandardInput() throws Exception {
        try (InputRuns runs = new InputRuns(work, 503, 200, 40)) {
            Path fifo = work.resolve("events.fifo");
            Process mk = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0,
                    "named-pipe case skipped: mkfifo is not available here");
            byte[] text = runs.text(0, runs.corpus.lines().size()).getBytes(StandardCharsets.UTF_8);
            List<String> command = runs.command(List.of(), fifo.toString());
            InputRuns.Run first = runs.run(command, null, fifo, out -> out.write(text));
            assertEquals(1, first.exit(), "the corpus's invalid lines make exit 1: " + first.tail());
            assertTrue(first.summary().contains(": " + runs.corpus.lines().size() + " lines read"),
                    first.summary());
            assertTrue(first.stderr().contains("is a pipe"), first.tail());
            runs.assertNothingLost();

            // No resume point for a pipe: it is read whole again, the delivered events are skipped, and the lines
            // that were dead-lettered (invalid, or refused by the vendor) are tried again.
            InputRuns.Run again = runs.run(command, null, fifo, out -> out.write(text));
            assertEquals(1, again.exit(), "its invalid lines are dead-lettered again: " + again.tail());
            assertTrue(again.summary().contains(": " + runs.corpus.lines().size() + " lines read"),
                    again.summary());
            runs.assertNothingLost(false); // every delivered event processed once: skipped the second time
        }
    }

    @Test
    @Timeout(120)
    void filesWhoseNamesDifferOnlyInBytesThatAreNotUtf8AreTwoInputs() throws Exception {
        try (InputRuns runs = new InputRuns(work, 504, 200, 40)) {
            int size = runs.corpus.lines().size();
            // The first file holds a line that is dead-lettered, so reading it twice would show.
            int split = 1 + (int) runs.corpus.lines().stream().takeWhile(Corpus.Line::deliverable).count();
            Assumptions.assumeTrue(split < size, "the corpus has a line to dead-letter before its last");
            Path dir = Files.createDirectories(work.resolve("archive"));
            rawName(dir, "a.tmp", runs.text(0, split), "ev\\376.ndjson");
            rawName(dir, "b.tmp", runs.text(split, size), "ev\\377.ndjson");
            List<String> command = runs.command(List.of(), dir.toString());
            InputRuns.Run first = runs.run(command, null, null, null);
            assertEquals(1, first.exit(), "the corpus's invalid lines make exit 1: " + first.tail());
            assertTrue(first.summary().contains(": " + size + " lines read"), first.summary());
            runs.assertNothingLost();

            InputRuns.Run again = runs.run(command, null, null, null);
            assertEquals(0, again.newDeadLetters(), "each file resumes from its own ledger row: " + again.tail());
            assertEquals(0, again.exit(), again.tail());
            assertEquals(0, again.arrivals(), "the same command again sends nothing");
            assertTrue(again.stderr().contains("inputs finished earlier: 2 ("), again.tail());
            runs.assertNothingLost();
            List<String> files = runs.deadLetters().stream().map(l -> json(l).path("file").asText()).distinct()
                    .toList();
            assertTrue(files.stream().allMatch(f -> f.endsWith("ev\\xFE.ndjson") || f.endsWith("ev\\xFF.ndjson")),
                    "each file is named by its bytes: " + files);
        }
    }

    /** Writes {@code text} and renames it to {@code name}, whose octal escapes the shell's printf turns to bytes. */
    private static void rawName(Path dir, String tmp, String text, String name) throws Exception {
        Files.writeString(dir.resolve(tmp), text, StandardCharsets.UTF_8);
        Process mv = new ProcessBuilder("sh", "-c", "mv \"$1\" \"$(printf \"$2\")\"", "sh", tmp, name)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(mv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mv.waitFor(10, TimeUnit.SECONDS) && mv.exitValue() == 0,
                () -> "raw-name case skipped: this file system refuses names that are not UTF-8 (" + said.trim() + ")");
    }
}
