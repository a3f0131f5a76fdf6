package io.cfsync.cli;

import io.cfsync.pipeline.RunResult;
import io.cfsync.pipeline.Validation;
import io.cfsync.report.RunStats;
import io.cfsync.report.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cf-sync validate}: decoding and validation only. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Check that input lines are valid Segment-spec events.", versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = false,
        description = {
            "Checks that every line is a valid Segment-spec event, without mapping or sending anything.",
            "Prints one 'file:line: reason: detail' line on stdout per invalid event and a summary on stderr."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every event is valid",
            "1:some lines are not valid events, or an input could not be read (binary data, damaged gzip)",
            "2:bad command line, or an input that does not exist; nothing was checked",
            "3:standard output could not be written (e.g. a full disk)",
            ExitCodes.L141})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Option(names = {"-q", "--quiet"}, description = "No summary on stderr.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of lines: "
            + "{\"problems\":[{\"file\", \"line\", \"reason\", \"detail\"}], \"summary\":{\"lines\", \"valid\", "
            + "\"invalid\", \"eventsByType\", \"invalidByReason\", \"inputErrors\", \"skipped\"}, \"ok\"}. An "
            + "input that cannot be read at all is a problem without \"line\".")
    boolean json;

    @picocli.CommandLine.Mixin
    SourcesMixin sourcing;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Files, folders or - for stdin, as for 'cf-sync send'. None means stdin.")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Context ctx = root.context();
        RunStats stats = new RunStats();
        long started = System.nanoTime();
        java.io.PrintStream out = new java.io.PrintStream(ctx.out(), false, java.nio.charset.StandardCharsets.UTF_8);
        List<io.cfsync.input.InputSource> sources = sourcing.resolve(inputs, io.cfsync.input.Pruning.NONE,
                ctx.env(), false, ctx.err(), NetworkMixin.fromEnvironment(ctx.env()));
        // Read as send reads them, so that a line validate accepts is one send reads.
        int maxLine = sourcing.maxLineBytes(ConfigFile.discover(ctx.env()));
        if (json) {
            ValidationJson report = new ValidationJson(out);
            Validation.run(sources, ctx.in(), report, stats, maxLine);
            report.finish(stats);
        } else {
            Validation.run(sources, ctx.in(), out, stats, maxLine);
        }
        out.flush();
        if (out.checkError()) {
            ctx.err().println("cf-sync: cannot write to standard output; run aborted");
            return ExitCodes.ABORTED;
        }
        int code = RootCommand.exitCode(stats.clean() ? RunResult.COMPLETE : RunResult.INCOMPLETE);
        if (!quiet) {
            Summary.print(ctx.err(), "cf-sync validate", stats, new Summary.Kind("valid", false), null,
                    (System.nanoTime() - started) / 1_000_000);
            Summary.printExit(ctx.err(), code, null);
        }
        return code;
    }
}
