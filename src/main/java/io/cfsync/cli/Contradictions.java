package io.cfsync.cli;

import io.cfsync.pipeline.EventFilter;
import java.io.PrintStream;
import picocli.CommandLine.ParseResult;

/**
 * Options that contradict each other are refused before anything is read, rather than one of them silently
 * ignored: an empty time window, and output formatting for output that is not printed. Ledger and shared-budget
 * options on a dry-run are harmless (one set of options is often shared by the preview and the real run), so they
 * get a note saying they do nothing there. Stateless.
 */
final class Contradictions {
    private Contradictions() {
    }

    /** The send options that do nothing, or nothing sensible, together; notes go to {@code err}. */
    static void checkSend(ParseResult parsed, boolean dryRun, PrintStream err) {
        if (!dryRun && parsed.hasMatchedOption("--format")) {
            throw new UsageException("--format " + text(parsed, "--format") + " shapes the "
                    + "--dry-run output, and without --dry-run nothing is printed: add --dry-run or drop --format");
        }
        for (String option : new String[] {"--resend", "--state"}) {
            if (dryRun && parsed.hasMatchedOption(option)) {
                err.println("cf-sync: note: " + option + " does nothing with --dry-run, which neither reads nor "
                        + "writes the ledger and prints every event");
            }
        }
        for (String option : new String[] {"--shared-rate", "--shared-rate-key"}) {
            if (dryRun && parsed.hasMatchedOption(option)) {
                err.println("cf-sync: note: " + option + " does nothing with --dry-run, which sends nothing and so "
                        + "spends no shared budget");
            }
        }
    }

    /** {@code --since} must come before {@code --until} (since is inclusive, until exclusive). */
    static void checkWindow(ParseResult parsed, EventFilter filter) {
        if (filter.sinceMillis() != null && filter.untilMillis() != null
                && filter.sinceMillis() >= filter.untilMillis()) {
            throw new UsageException("--since " + text(parsed, "--since") + " is not before --until "
                    + text(parsed, "--until") + ", so no event could match: swap them?");
        }
    }

    private static String text(ParseResult parsed, String option) {
        return parsed.hasMatchedOption(option) ? parsed.matchedOption(option).stringValues().get(0) : "";
    }
}
