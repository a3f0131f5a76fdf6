package io.cfsync.cli;

import io.cfsync.pipeline.EventFilter;
import picocli.CommandLine.ParseResult;

/**
 * Options that contradict each other are refused before anything is read, rather than one of them silently
 * ignored: an empty time window, output formatting for output that is not printed, and ledger options on a run that
 * keeps no ledger. Stateless.
 */
final class Contradictions {
    private Contradictions() {
    }

    /** The send options that do nothing, or nothing sensible, together. */
    static void checkSend(ParseResult parsed, boolean dryRun) {
        if (!dryRun && parsed.hasMatchedOption("--format")) {
            throw new UsageException("--format " + text(parsed, "--format") + " shapes the "
                    + "--dry-run output, and without --dry-run nothing is printed: add --dry-run or drop --format");
        }
        for (String option : new String[] {"--resend", "--state"}) {
            if (dryRun && parsed.hasMatchedOption(option)) {
                throw new UsageException(option + " does nothing with --dry-run, which neither reads nor writes "
                        + "the ledger: drop one of them");
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
