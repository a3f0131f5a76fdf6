package io.cfsync.cli;

import io.cfsync.pipeline.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cf-sync}: the root command; only dispatches to subcommands. */
@Command(name = "cf-sync", mixinStandardHelpOptions = true,
        header = "Replay Segment-spec customer-data events to Customer.io, Custify, Kustomer and CustomFit.ai.", versionProvider = VersionProvider.class,
        usageHelpAutoWidth = false,
        description = {
            "cf-sync replays Segment-spec customer-data events (identify, track, page, screen, group and alias, "
                + "one JSON event per line) from NDJSON files, gzip files, folders (Segment and RudderStack archives "
                + "included), s3:// prefixes or standard input to "
                + "Customer.io, Custify, Kustomer and CustomFit.ai.",
            "",
            "'cf-sync send --dry-run' prints the exact HTTP requests a destination would receive, one JSON line "
                + "each. Without --dry-run, 'cf-sync send' delivers them: paced, retried, in input order for each "
                + "user, and recorded in a ledger, so that a stopped run resumes where it stopped and no event is "
                + "sent twice.",
            "",
            "Every input line ends as delivered (or, in a dry-run, mapped), skipped with a reason, or written to "
                + "the dead-letter file with its file, line and reason. A summary on stderr and the exit code say "
                + "how the run went.",
            "",
            "'cf-sync help COMMAND' (or 'cf-sync COMMAND --help') shows a command's options."},
        subcommands = {SendCommand.class, ValidateCommand.class, DestinationsCommand.class, StatusCommand.class,
            GenManCommand.class,
            CheckCommand.class,
            CompletionCommand.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L0, ExitCodes.L1, ExitCodes.L2, ExitCodes.L3, ExitCodes.L75,
            ExitCodes.L141})
final class RootCommand implements java.util.concurrent.Callable<Integer> {
    private final Context context;

    @Spec
    CommandSpec spec;

    public RootCommand(Context context) {
        this.context = context;
    }

    Context context() {
        return context;
    }

    /** Without a subcommand: a usage error naming the commands, in two lines like any other. */
    @Override
    public Integer call() {
        return UsageErrors.print(spec.commandLine().getErr(), "missing command (one of: "
                + String.join(", ", UsageErrors.commandNames(spec)) + ")", spec);
    }

    static int exitCode(RunResult o) {
        switch (o) {
            case COMPLETE:
                return ExitCodes.OK;
            case INCOMPLETE:
                return ExitCodes.INCOMPLETE;
            case LOCKED:
                return ExitCodes.LOCKED;
            default:
                return ExitCodes.ABORTED;
        }
    }
}
