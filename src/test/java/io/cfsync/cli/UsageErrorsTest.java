package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A usage error is two lines, what was wrong and where to read more, with "did you mean" where it helps. */
@Timeout(30)
class UsageErrorsTest {
    @TempDir
    Path tmp;

    /** Exactly two lines on stderr, nothing on stdout, exit 2. */
    private static void assertUsage(Cli.Result r, String first, String command) {
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of("cf-sync: " + first, "Try '" + command + " --help' for more information."),
                r.err().lines().toList());
    }

    private Path input() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, SendCommandTest.IDENTIFY + "\n");
        return in;
    }

    @Test
    void aMisspeltCommandIsSuggested() {
        assertUsage(Cli.run("sned"), "unknown command 'sned'; did you mean 'send'?", "cf-sync");
        assertUsage(Cli.run("valdiate"), "unknown command 'valdiate'; did you mean 'validate'?", "cf-sync");
        assertUsage(Cli.run("deploy"), "unknown command 'deploy'", "cf-sync");
    }

    @Test
    void aMisspeltOptionIsSuggestedAndNamesTheSubcommandsHelp() throws Exception {
        assertUsage(Cli.run("send", "--dryrun", "-d", "customerio", input().toString()),
                "unknown option '--dryrun'; did you mean '--dry-run'?", "cf-sync send");
        assertUsage(Cli.run("validate", "--quite"), "unknown option '--quite'; did you mean '--quiet'?",
                "cf-sync validate");
        assertUsage(Cli.run("validate", "-x"), "unknown option '-x'", "cf-sync validate");
    }

    /** picocli checks required options first; the misspelling is what the user needs to hear about. */
    @Test
    void aMisspeltOptionIsToldBeforeAMissingOne() {
        assertUsage(Cli.run("send", "--dets", "customerio"), "unknown option '--dets'; did you mean '--dest'?",
                "cf-sync send");
    }

    /** What follows '=' after an unknown option may be a key: it is not repeated. */
    @Test
    void theValueOfAnUnknownOptionIsNotRepeated() {
        Cli.Result r = Cli.run("send", "-d", "customerio", "--sett=apiKey=hunter2-secret-value");
        assertUsage(r, "unknown option '--sett'; did you mean '--set'?", "cf-sync send");
        assertFalse(r.err().contains("hunter2"), r.err());
    }

    @Test
    void missingAndMalformedOptionsAreTwoLinesToo() {
        assertUsage(Cli.run("send"), "missing --dest NAME", "cf-sync send");
        assertUsage(Cli.run("send", "-d", "customerio", "--dry-run", "--concurrency", "x"),
                "invalid value for option '--concurrency': 'x' is not an int", "cf-sync send");
        assertUsage(Cli.run("destinations", "extra"), "unexpected argument 'extra'", "cf-sync destinations");
    }

    @Test
    void noCommandIsTwoLinesNotTheWholeHelp() {
        Cli.Result r = Cli.run();
        assertEquals(ExitCodes.USAGE, r.exit());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("cf-sync: missing command (one of: send, validate, destinations"),
                lines.get(0));
        assertEquals("Try 'cf-sync --help' for more information.", lines.get(1));
    }

    @Test
    void destinationsAreSuggestedFromSlipsAndFromOtherNamesForTheVendor() throws Exception {
        String in = input().toString();
        String known = " (known: customerio, custify, kustomer, customfit)";
        for (String typed : new String[] {"custommerio", "customer.io", "Customer.io", "cio", "customer-io"}) {
            assertUsage(Cli.run("send", "-d", typed, "--dry-run", in),
                    "unknown destination '" + typed + "'; did you mean 'customerio'?" + known, "cf-sync send");
        }
        assertUsage(Cli.run("send", "-d", "CustomFit.ai", "--dry-run", in),
                "unknown destination 'CustomFit.ai'; did you mean 'customfit'?" + known, "cf-sync send");
        assertUsage(Cli.run("send", "-d", "hubspot", "--dry-run", in), "unknown destination 'hubspot'" + known,
                "cf-sync send");
    }

    @Test
    void aMisspeltSettingIsSuggested() throws Exception {
        assertUsage(Cli.run("send", "-d", "customerio", "--dry-run", "--set", "regoin=eu", input().toString()),
                "unknown customerio setting 'regoin' in --set; did you mean 'region'? (see: cf-sync destinations)",
                "cf-sync send");
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        Cli.Result r = Cli.run("help", "send");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: cf-sync send"), r.out());
        assertEquals(Cli.run("send", "--help").out(), r.out());
        assertUsage(Cli.run("help", "sned"), "unknown command 'sned'; did you mean 'send'?", "cf-sync");
    }

    /** A missing input is still a usage error with the help hint; the environment is not needed for that. */
    @Test
    void problemsFoundAfterParsingKeepTheSameShape() {
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "-d", "customerio", "--dry-run",
                tmp.resolve("nope.ndjson").toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertEquals("Try 'cf-sync send --help' for more information.", r.err().lines().toList().get(1));
    }
}
