package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install puts a working cf-sync under a prefix: the launcher runs the installed jar from any folder, and
 * the man pages sit where man finds them for that bin folder. Runs after packaging, so the jar is built already.
 */
@Timeout(180)
class InstallIT {
    @TempDir
    Path tmp;

    private record Run(int exit, String out) {
    }

    private static Run run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void installsIntoAPrefixAndTheInstalledCommandRunsFromAnywhere() throws Exception {
        Path repo = Paths.get("").toAbsolutePath();
        Path prefix = tmp.resolve("prefix with space");
        Run install = run(tmp, "bash", repo.resolve("scripts/install").toString(), "--prefix", prefix.toString());
        assertEquals(0, install.exit(), install.out());
        assertFalse(install.out().contains("building"), "the jar was built already: " + install.out());
        assertTrue(install.out().startsWith("installed cf-sync " + VersionProvider.version() + " (commit "), install.out());

        Path launcher = prefix.resolve("bin/cf-sync");
        assertTrue(Files.isExecutable(launcher), install.out());
        assertTrue(Files.isRegularFile(prefix.resolve("share/cf-sync/cf-sync.jar")));
        List<String> pages = new ArrayList<>();
        try (var s = Files.list(repo.resolve("man"))) {
            s.forEach(p -> pages.add(p.getFileName().toString()));
        }
        assertFalse(pages.isEmpty());
        for (String page : pages) {
            String section = "share/man/man" + page.substring(page.lastIndexOf('.') + 1);
            assertEquals(Files.readString(repo.resolve("man").resolve(page)),
                    Files.readString(prefix.resolve(section).resolve(page)), page);
        }

        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Run version = run(elsewhere, launcher.toString(), "--version");
        assertEquals(0, version.exit(), version.out());
        assertTrue(version.out().strip().startsWith("cf-sync " + VersionProvider.version() + " (commit "), version.out());

        Run again = run(tmp, "bash", repo.resolve("scripts/install").toString(), "--prefix", prefix.toString());
        assertEquals(0, again.exit(), "installing again replaces the copy: " + again.out());
    }

    @Test
    void aMissingPrefixIsAUsageError() throws Exception {
        Path repo = Paths.get("").toAbsolutePath();
        Run r = run(tmp, "bash", repo.resolve("scripts/install").toString(), "--prefix");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("usage: scripts/install [--prefix DIR]"), r.out());
    }
}
