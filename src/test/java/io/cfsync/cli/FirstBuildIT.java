package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first {@code scripts/cf-sync}: it builds only what running needs (no test compilation, no test
 * dependencies, which were most of a first run's downloads) and says what it is doing while it works. Maven is
 * played by a stand-in that records its arguments, prints Maven's lines and leaves the real jar (built already).
 */
@Timeout(60)
class FirstBuildIT {
    @TempDir
    Path tmp;

    @Test
    void theFirstRunBuildsOnlyTheRunnableJarAndSaysSoPhaseByPhase() throws Exception {
        Path repo = Paths.get("").toAbsolutePath();
        Path root = tmp.resolve("checkout");
        Files.createDirectories(root.resolve("scripts"));
        Files.createDirectories(root.resolve("src/main"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.copy(repo.resolve("scripts/cf-sync"), root.resolve("scripts/cf-sync"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, String.join("\n", "#!/bin/sh",
                "echo \"$@\" > '" + tmp.resolve("mvn-args") + "'",
                "echo '[INFO] Downloaded from central: https://repo/x.jar (2.5 MB at 3 MB/s)'",
                "echo '[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ cf-sync ---'",
                "echo '[INFO] --- maven-shade-plugin:3.6.0:shade (default) @ cf-sync ---'",
                "mkdir -p target && cp '" + repo.resolve("target/cf-sync.jar") + "' target/cf-sync.jar", ""));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/cf-sync").toString(), "--version")
                .redirectError(tmp.resolve("err").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(50, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("err"));
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.startsWith("cf-sync " + VersionProvider.version()), out);

        List<String> args = List.of(Files.readString(tmp.resolve("mvn-args")).strip().split(" "));
        assertTrue(args.contains("-Dmaven.test.skip=true"), "test compilation skipped: " + args);
        assertTrue(args.contains("!git-describe"), "its plugin would resolve the test class path: " + args);
        for (String phase : List.of("package", "verify", "install", "test", "test-compile")) {
            assertFalse(args.contains(phase), "no phase that resolves the tests' dependencies: " + args);
        }
        assertTrue(err.contains("cf-sync: building: compiling (2.0 MB downloaded so far)\n"), err);
        assertTrue(err.contains("cf-sync: building: packing the runnable jar"), err);
        assertFalse(err.contains("Downloaded from"), "Maven's own lines only when the build fails: " + err);
    }
}
