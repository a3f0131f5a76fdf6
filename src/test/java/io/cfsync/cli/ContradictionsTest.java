package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options that contradict each other are refused (exit 2, nothing read or sent), not silently ignored; ledger options
 * on a dry-run, harmless, are said to do nothing there.
 */
@Timeout(30)
class ContradictionsTest {
    @TempDir
    Path tmp;
    private String in;

    @BeforeEach
    void input() throws Exception {
        Path p = tmp.resolve("in.ndjson");
        Files.writeString(p, SendCommandTest.IDENTIFY + "\n");
        in = p.toString();
    }

    private static void assertRefused(Cli.Result r, String message) {
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of("cf-sync: " + message, "Try 'cf-sync send --help' for more information."),
                r.err().lines().toList());
    }

    @Test
    void sinceMustComeBeforeUntil() {
        assertRefused(Cli.run("send", "-d", "customerio", "--dry-run", "--since", "2024-03-01", "--until",
                "2024-01-01", in), "--since 2024-03-01 is not before --until 2024-01-01, so no event could match: "
                + "swap them?");
        // until is exclusive: the same instant for both is an empty window too.
        assertEquals(ExitCodes.USAGE, Cli.run("send", "-d", "customerio", "--dry-run", "--since", "2024-03-01",
                "--until", "2024-03-01T00:00:00Z", in).exit());
        assertEquals(ExitCodes.OK, Cli.run("send", "-d", "customerio", "--dry-run", "--since", "2024-01-01",
                "--until", "2024-03-01", in).exit());
    }

    /** Refused before credentials are asked for: the contradiction is the first thing to fix. */
    @Test
    void formatWithoutDryRunIsRefused() {
        assertRefused(Cli.run("send", "-d", "customerio", "--format", "pretty", in), "--format pretty shapes the "
                + "--dry-run output, and without --dry-run nothing is printed: add --dry-run or drop --format");
        assertEquals(ExitCodes.OK, Cli.run("send", "-d", "customerio", "--dry-run", "--format", "pretty", in)
                .exit());
    }

    @Test
    void ledgerAndSharedBudgetOptionsWithDryRunAreSaidToDoNothing() {
        Path ledger = tmp.resolve("l.db");
        for (String[] option : new String[][] {{"--resend"}, {"--state", ledger.toString()}}) {
            List<String> args = new java.util.ArrayList<>(List.of("send", "-d", "customerio", "--dry-run", "--quiet"));
            args.addAll(List.of(option));
            args.add(in);
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            assertEquals(List.of("cf-sync: note: " + option[0] + " does nothing with --dry-run, which neither reads "
                    + "nor writes the ledger and prints every event"), r.err().lines().toList());
            assertEquals(1, r.out().lines().count(), "the dry-run still prints its request");
        }
        assertFalse(Files.exists(ledger), "a dry-run creates no ledger");
        // A dry-run sends nothing, so it neither needs nor touches the shared budget (no Redis listens here).
        for (String[] option : new String[][] {{"--shared-rate", "redis://127.0.0.1:1"}, {"--shared-rate-key",
                "shop"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("send", "-d", "customerio", "--dry-run", "--quiet",
                    "--no-state"));
            args.addAll(List.of(option));
            args.add(in);
            Cli.Result s = Cli.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, s.exit(), s.err());
            assertEquals(List.of("cf-sync: note: " + option[0] + " does nothing with --dry-run, which sends nothing "
                    + "and so spends no shared budget"), s.err().lines().toList());
            assertEquals(1, s.out().lines().count(), "the dry-run still prints its request");
        }
        // --no-state says what a dry-run does anyway: no note.
        Cli.Result r = Cli.run("send", "-d", "customerio", "--dry-run", "--quiet", "--no-state", in);
        assertEquals(ExitCodes.OK, r.exit());
        assertEquals("", r.err());
    }
}
