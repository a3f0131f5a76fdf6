package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.input.InputSource;
import io.cfsync.pipeline.RunResult;
import io.cfsync.pipeline.SendConfig;
import io.cfsync.pipeline.SendJob;
import io.cfsync.report.Terminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cf-sync send}: map events for one destination and print (dry-run) or send the requests. */
@Command(name = "send", mixinStandardHelpOptions = true,
        header = "Map events to a destination's HTTP requests, and print (--dry-run) or send them.",
        versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = false,
        description = {
            "Reads Segment-spec events (identify, track, page, screen, group, alias) and maps each one to the "
                + "HTTP requests the destination expects.",
            "",
            "With --dry-run the requests are printed on stdout, one JSON line each: "
                + "{\"dest\",\"source\":{\"file\",\"line\",\"messageId\"},\"method\",\"url\",\"headers\",\"body\"} "
                + "(plus \"when\" for conditional steps). Secrets are printed as <redacted>.",
            "",
            "Every input line ends as exactly one of: mapped/delivered, skipped (counted by reason), or written to "
                + "the dead-letter file with its file, line and reason. The dead-letter file can be given back "
                + "to 'cf-sync send' as input as it is.",
            "",
            "DURATION values: 500ms, 30s, 15m, 1h30m, 2d (a bare number is seconds)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L0, ExitCodes.L1, ExitCodes.L2, ExitCodes.L3, ExitCodes.L75,
            ExitCodes.L141})
final class SendCommand implements Callable<Integer> {
    /** The spellings of {@code --format}, each naming how a dry-run prints. */
    enum Format {
        ndjson(SendConfig.Printout.LINES), pretty(SendConfig.Printout.PRETTY), curl(SendConfig.Printout.CURL);

        final SendConfig.Printout printout;

        Format(SendConfig.Printout printout) {
            this.printout = printout;
        }
    }

    @ParentCommand
    RootCommand root;

    @Mixin
    DestinationMixin destination;

    @Option(names = "--dry-run", description = "Print the requests instead of sending them. Needs no credentials.")
    boolean dryRun;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ndjson",
            description = "Dry-run output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). curl prints each "
                    + "request as a bash command running curl, the exact request a send makes; credentials are "
                    + "references to their CF_SYNC_<DEST>_<KEY> environment variables, never values.")
    Format format;

    @Mixin
    FilterMixin filters;

    @Mixin
    SendOptionsMixin sending;

    @Mixin
    NetworkMixin network;

    @Mixin
    SharedRateMixin sharedRate;

    @Mixin
    BackfillMixin backfill;

    @Mixin
    SourcesMixin sourcing;

    @Mixin
    PruneMixin pruning;

    @Mixin
    MetricsMixin metrics;

    @Option(names = "--batch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pack events into batch requests where the destination has a batch API (Customer.io "
                    + "with --set api=track-v2: POST /api/v2/batch; with api=pipelines: POST /v1/batch). On by "
                    + "default; --no-batch sends one request per event.")
    boolean batch;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Most events in one batch request (default: ${DEFAULT-VALUE}); batches also stay under the "
                    + "vendor's body limit (500 KB for Customer.io).")
    int batchSize;

    @Option(names = "--bulk", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Send identifies through the destination's asynchronous bulk jobs when more than one "
                    + "customer is waiting (Kustomer: POST /v1/customers/bulk, up to 100 a request, then polled), "
                    + "each counting as one request of the budget. On by default; --no-bulk sends each event's "
                    + "own requests.")
    boolean bulk;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dead-letter", paramLabel = "FILE", defaultValue = "cf-sync-dead-letter.ndjson",
            description = "Where invalid and undeliverable events go, one JSON line each; appended to, created "
                    + "only when needed (default: ${DEFAULT-VALUE}); - for stdout. A dry-run writes them only when "
                    + "this option is given.")
    Path deadLetter;

    @Option(names = "--outcomes", paramLabel = "FILE",
            description = "Also write one JSON line per input event saying where it ended: mapped/delivered, "
                    + "skipped (with reason) or dead-lettered (with reason); - for stdout. Only one of --report, "
                    + "--outcomes and --dead-letter may be -, and none with --dry-run, which prints there.")
    Path outcomes;

    @Option(names = {"-q", "--quiet"}, description = "No summary on stderr, nor the notes of a run that ends as "
            + "planned (--max-runtime reached); errors are still said.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print the resolved settings (secrets redacted), and name "
            + "each input file left out.")
    boolean verbose;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "NDJSON files (.ndjson, .jsonl, .json, optionally gzip-compressed), folders (read "
                    + "recursively in sorted order, taking every file that holds gzip or NDJSON whatever its name), "
                    + "s3://BUCKET/PREFIX (objects in key order, streamed), or - for stdin. None means stdin. A named "
                    + "pipe or /dev/fd/N (<(command) in a shell) is read once like stdin, without a resume point.")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Context ctx = root.context();
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        Contradictions.checkSend(parsed, dryRun, ctx.err());
        Destination dest = destination.destination();
        // A dry-run of local files connects nowhere, so the system CA bundle is not parsed for it.
        boolean tlsNow = !dryRun || inputs.stream().anyMatch(i -> i.startsWith("s3://"));
        io.cfsync.send.Network net = network.network(ctx.env(), destination.configFile(ctx.env()), tlsNow);
        List<InputSource> sources = sourcing.resolve(inputs,
                SourcesMixin.pruning(filters.filter(), pruning.pruneSlack), ctx.env(), verbose, ctx.err(), net);
        // A dry-run writes dead letters only to a file asked for, so repeated previews do not pile up copies.
        Path dl = dryRun && !spec.commandLine().getParseResult().hasMatchedOption("--dead-letter") ? null
                : deadLetter;
        for (InputSource s : sources) {
            if (s.path() != null && dl != null && Files.exists(dl) && Files.isSameFile(s.path(), dl)) {
                throw new UsageException("the dead-letter file " + deadLetter + " is also an input; replay it with "
                        + "another --dead-letter FILE");
            }
        }
        OutputPaths.check("--dead-letter", dl);
        OutputPaths.check("--outcomes", outcomes);
        OutputPaths.check("--report", backfill.report);
        OutputPaths.oneOnStdout(dryRun, OutputPaths.named("--dead-letter", dl, "--outcomes", outcomes, "--report",
                backfill.report));
        Terminal terminal = Terminal.detect(ctx.env());
        io.cfsync.pipeline.EventFilter filter = filters.filter();
        Contradictions.checkWindow(parsed, filter);
        io.cfsync.dest.Settings settings = destination.settings(dest, ctx.env(), dryRun);
        io.cfsync.send.SinkTuning options = sending.options(dest.defaultRate(), VersionProvider.version())
                .withNetwork(net);
        if (!dryRun) {
            options = sharedRate.apply(options, ctx.env(), destination.configFile(ctx.env()), dest, settings,
                    backfill.shard());
        }
        SendConfig cfg = SendConfig.of(dest, settings,
                new SendConfig.Read(sources, filter, backfill.shard(), sourcing.maxLineBytes(destination.configFile(
                        ctx.env()))),
                new SendConfig.Write(dl, outcomes, backfill.report, format.printout, quiet, verbose),
                SendConfig.Send.of(dryRun, options, batchSize(), sending.progress(terminal), true,
                        sending.progressStyle(terminal)).withBulk(bulk),
                unattended(dest, ctx))
                .withMetrics(metrics.target(dest.name(), backfill.shard(), sending.progressInterval));
        if (verbose) {
            destination.origins.print(ctx.err());
        }
        RunResult outcome = new SendJob(cfg).run(ctx.in(), ctx.out(), ctx.err());
        return RootCommand.exitCode(outcome);
    }

    private int batchSize() {
        if (batchSize < 1) {
            throw new UsageException("--batch-size must be at least 1");
        }
        return batch ? batchSize : 0;
    }

    private SendConfig.Unattended unattended(Destination dest, Context ctx) {
        List<String> command = new ArrayList<>();
        command.add("cf-sync");
        // From "send" on. Secret settings are masked here; URL user-info stays for the run's redactor to learn.
        command.addAll(ArgSecrets.masked(spec.commandLine().getParseResult().originalArgs()));
        return backfill.unattended(() -> StatePaths.forDestination(ctx.env(), dest.name()), dryRun, command,
                VersionProvider.version());
    }
}
