package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which build is this: {@code --version} gives a semantic version and the commit, and the README's Changes section
 * opens with that version, so a version never ships without saying what it changed.
 */
class VersionLineTest {
    @Test
    void theVersionLineNamesASemanticVersionAndTheCommit() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("cf-sync \\d+\\.\\d+\\.\\d+ \\(commit [^ ()]+\\)\\R"), r.out());
        assertTrue(r.out().startsWith("cf-sync " + VersionProvider.version() + " "), r.out());
    }

    @Test
    void theChangesOfTheReadmeOpenWithThisVersion() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int changes = readme.indexOf("\n## Changes\n");
        assertTrue(changes >= 0, "README has no Changes section");
        Matcher first = Pattern.compile("\n\\*\\*(\\d+\\.\\d+\\.\\d+)\\*\\*").matcher(readme);
        assertTrue(first.find(changes), "the Changes section lists no version as **X.Y.Z**");
        assertEquals(VersionProvider.version(), first.group(1), "newest first: the README's latest version");
    }
}
