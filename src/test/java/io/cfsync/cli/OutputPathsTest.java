package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class OutputPathsTest {
    @TempDir
    Path tmp;

    private Path input() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, "{\"type\":\"identify\",\"userId\":\"u-1\"}\n{\"type\":\"bogus\"}\n");
        return in;
    }

    @Test
    void aReportPathThatIsAFolderIsRefusedBeforeAnythingIsPrinted() throws Exception {
        Cli.Result r = Cli.run("send", "--dest", "customerio", "--dry-run", "--report", tmp.toString(),
                "--dead-letter", tmp.resolve("dead.ndjson").toString(), input().toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--report " + tmp + " is a folder"), r.err());
        assertEquals("", r.out(), "nothing was mapped");
        assertTrue(Files.notExists(tmp.resolve("dead.ndjson")), "nothing was dead-lettered");
    }

    @Test
    void outputsInAFolderThatCannotBeCreatedAreRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        for (String option : List.of("--outcomes", "--dead-letter", "--report")) {
            Cli.Result r = Cli.run("send", "--dest", "customerio", "--dry-run", option,
                    file.resolve("sub/out.ndjson").toString(), input().toString());
            assertEquals(ExitCodes.USAGE, r.exit(), option + ": " + r.err());
            assertTrue(r.err().contains(option + " " + file.resolve("sub/out.ndjson") + ": its folder"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void missingFoldersAreCreatedForEveryOutput() throws Exception {
        Path dir = tmp.resolve("a/b");
        Cli.Result r = Cli.run("send", "--dest", "customerio", "--dry-run", "--quiet",
                "--outcomes", dir.resolve("o/outcomes.ndjson").toString(),
                "--dead-letter", dir.resolve("d/dead.ndjson").toString(),
                "--report", dir.resolve("r/report.json").toString(), input().toString());
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        assertTrue(Files.size(dir.resolve("o/outcomes.ndjson")) > 0);
        assertTrue(Files.size(dir.resolve("d/dead.ndjson")) > 0);
        assertTrue(Files.size(dir.resolve("r/report.json")) > 0);
    }

    @Test
    void aReadOnlyFolderIsRefused() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "the superuser can write anywhere");
            UsageException e = assertThrows(UsageException.class,
                    () -> OutputPaths.check("--dead-letter", ro.resolve("cf-sync-dead-letter.ndjson")));
            assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anExistingWritableFileOrNoneAtAllPasses() throws Exception {
        assertDoesNotThrow(() -> OutputPaths.check("--outcomes", null));
        assertDoesNotThrow(() -> OutputPaths.check("--outcomes", Files.writeString(tmp.resolve("o"), "")));
        assertDoesNotThrow(() -> OutputPaths.check("--outcomes", Path.of("relative-in-working-dir.ndjson")));
    }
}
