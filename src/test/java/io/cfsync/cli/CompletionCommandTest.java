package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cfsync.testkit.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cf-sync completion}: a script bash accepts, which completes destinations and setting keys. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompletionCommandTest {
    @TempDir
    Path tmp;

    private Path script(String shell) throws IOException {
        Cli.Result r = Cli.run("completion", shell);
        assertEquals(0, r.exit(), r.err());
        Path p = tmp.resolve("cf-sync." + shell);
        Files.writeString(p, r.out());
        return p;
    }

    private static boolean bash() {
        return Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash"));
    }

    /** Runs {@code bash -c}; returns its stdout. */
    private static String bashC(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), command);
        return out;
    }

    /** What the completion function offers for {@code words}, the last one being completed. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String cmd = "source '" + script + "'; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_cf-sync; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"";
        return bashC(cmd).lines().map(String::trim).toList();
    }

    @Test
    void bothShellsGetAScriptThatBashParses() throws Exception {
        for (String shell : new String[] {"bash", "zsh"}) {
            Path p = script(shell);
            assertTrue(Files.readString(p).contains("complete -F _complete_cf-sync"), shell);
            assumeTrue(bash(), "bash is not installed");
            bashC("bash -n '" + p + "'");
        }
    }

    @Test
    void completesSubcommandsDestinationsAndSettingKeys() throws Exception {
        assumeTrue(bash(), "bash is not installed");
        Path p = script("bash");
        assertTrue(complete(p, "cf-sync", "ch").contains("check"));
        assertTrue(complete(p, "cf-sync", "send", "--dr").contains("--dry-run"));
        List<String> dests = complete(p, "cf-sync", "send", "--dest", "cu");
        assertTrue(dests.contains("customerio"), dests.toString());
        assertTrue(!dests.contains("kustomer"), dests.toString());
        assertTrue(complete(p, "cf-sync", "check", "--set", "site").contains("siteId="));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Cli.Result r = Cli.run("completion", "fish");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("bash, zsh"), r.err());
    }
}
