package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * What the registered function offers for {@code words} as bash splits them (an {@code =} is a word of its
     * own), run in {@code dir}, the last word being completed.
     */
    private List<String> bashOffers(Path dir, String... words) throws Exception {
        StringBuilder arr = new StringBuilder();
        for (String w : words) {
            arr.append(" '").append(w).append('\'');
        }
        String cmd = "cd '" + dir + "' && source '" + script("bash") + "' && [ \"$(complete -p cf-sync)\" = "
                + "'complete -o default -F _cf_sync_complete cf-sync' ] || exit 9; COMP_WORDS=(" + arr
                + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE=\"${COMP_WORDS[*]}\"; "
                + "COMP_POINT=${#COMP_LINE}; _cf_sync_complete 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        return bashC(cmd).lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private Path inputs() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(dir.resolve("events.ndjson"), "");
        Files.createDirectories(dir.resolve("archive"));
        return dir;
    }

    @Test
    void inputsOfSendAndValidateCompleteAsFiles() throws Exception {
        assumeTrue(bash(), "bash is not installed");
        Path dir = inputs();
        assertEquals(List.of("events.ndjson"), bashOffers(dir, "cf-sync", "send", "--dest", "customerio",
                "--dry-run", "ev"));
        assertEquals(List.of("archive"), bashOffers(dir, "cf-sync", "validate", "-q", "arc"));
        assertEquals(List.of("--dry-run"), bashOffers(dir, "cf-sync", "send", "--dr"), "options still complete");
        assertEquals(List.of(), bashOffers(dir, "cf-sync", "send", "--shard", "ev"), "an option's value is no input");
    }

    @Test
    void setOffersTheChosenDestinationsKeysAlsoInTheEqualsForms() throws Exception {
        assumeTrue(bash(), "bash is not installed");
        Path dir = inputs();
        List<String> kustomer = bashOffers(dir, "cf-sync", "send", "-d", "kustomer", "--set", "");
        assertTrue(kustomer.contains("orgName="), kustomer.toString());
        assertFalse(kustomer.contains("siteId="), "another destination's key: " + kustomer);
        assertEquals(List.of("region="), bashOffers(dir, "cf-sync", "send", "--dest", "=", "customerio", "--set",
                "=", "re"));
        assertEquals(List.of("customerio", "custify", "customfit"), bashOffers(dir, "cf-sync", "check", "--dest",
                "=", "cu"));
        assertEquals(List.of("pretty"), bashOffers(dir, "cf-sync", "send", "--format", "=", "p"));
    }

    /**
     * zsh runs the same script through its bash layer (bashcompinit), which keeps {@code --set=re} as one word and
     * matches what the function offers against the word itself, as set here in {@code PREFIX}.
     */
    @Test
    void zshCompletesFilesKeysAndEqualsFormsThroughItsBashLayer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed (.ci/run installs it): its completion is not checked");
        Path dir = inputs();
        Path driver = tmp.resolve("drive.zsh");
        Files.writeString(driver, String.join("\n",
                "cd '" + dir + "' && source '" + script("zsh") + "' || exit 9",
                "offer() { local -a COMP_WORDS got; local COMP_CWORD COMP_LINE=\"$*\" COMP_POINT w=\"${@[-1]}\" m",
                "  local PREFIX=\"$w\"; COMP_WORDS=( \"$@\" ); (( COMP_CWORD = $# - 1 )); COMP_POINT=${#COMP_LINE}",
                "  for m in ${(f)\"$(compgen -F _cf_sync_complete -- \"$w\" 2>/dev/null)\"}; do",
                "    [[ \"$m\" == \"$w\"* ]] && got+=( \"$m\" ); done",
                "  print -r -- \"${(j: :)got}\"; }",
                "offer cf-sync send --dest customerio --dry-run ev",
                "offer cf-sync send --dest=kustomer --set=org",
                "offer cf-sync send --format=p", ""));
        Process p = new ProcessBuilder("zsh", "-f", driver.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("events.ndjson", "--set=orgPod= --set=orgName=", "--format=pretty"),
                out.lines().toList());
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Cli.Result r = Cli.run("completion", "fish");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("bash, zsh"), r.err());
    }
}
