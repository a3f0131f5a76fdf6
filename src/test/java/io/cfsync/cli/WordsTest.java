package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.Main;
import io.cfsync.testkit.Cli;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Words a newcomer reads: each says what happened, no more, and a slip gets a suggestion. */
@Timeout(60)
class WordsTest {
    @TempDir
    Path tmp;

    @Test
    void validateSaysValidAndInvalidAndEndsWithItsExitCode() {
        Cli.Result r = Cli.run("validate", "samples/broken.ndjson");
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        assertTrue(r.err().contains("\n  invalid:       "), r.err());
        assertFalse(r.err().contains("request") || r.err().contains("dead-letter"), "validate sends and writes "
                + "nothing: " + r.err());
        assertTrue(r.err().endsWith("  exit code:     1" + System.lineSeparator()), r.err());
    }

    @Test
    void aMisspeltTypeGetsADidYouMean() {
        Cli.Result r = Cli.run("send", "-d", "customerio", "--dry-run", "--type", "trak", "samples/events.ndjson");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--type 'trak' is not one of identify, track, page, screen, group, alias; "
                + "did you mean 'track'?"), r.err());
    }

    @Test
    void aConfigFileWithDestinationInTheSingularIsShownTheLineAndTheWord() throws Exception {
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "# mine\ndestination:\n  customerio:\n    siteId: x\n");
        Cli.Result r = Cli.run("send", "-d", "customerio", "--dry-run", "--config", config.toString(),
                "samples/events.ndjson");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains(", line 2, column 1: unknown key 'destination'; did you mean 'destinations'?"),
                r.err());
    }

    @Test
    void theCompletionPageHasExamples() {
        Map<String, String> pages = GenManCommand.pages(Main.commandLine(new Context(InputStream.nullInputStream(),
                new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), Map.of()))
                .getCommandSpec());
        String page = pages.get("cf-sync-completion.1");
        assertTrue(page.contains("\n.SH EXAMPLES\n") && page.contains("source <(cf\\-sync completion bash)"), page);
    }
}
