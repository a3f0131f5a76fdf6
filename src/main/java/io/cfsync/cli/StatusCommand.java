package io.cfsync.cli;

import io.cfsync.state.Ledger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cf-sync status}: what the ledger knows. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Show the ledger: inputs and how far each got, deliveries per destination, the last runs.",
        usageHelpAutoWidth = false,
        description = {
            "Shows what the run ledger records: each input with its watermark (the line below which every event "
                + "is finished) or 'finished', how many events were delivered per destination, and the last runs "
                + "with how they ended.",
            "",
            "Without --state it shows every ledger in the default folder ($XDG_STATE_HOME/cf-sync, else "
                + "~/.local/state/cf-sync)."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {"0:shown", ExitCodes.L2})
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Option(names = "--state", paramLabel = "FILE", description = "The ledger to show.")
    Path state;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "How many recent runs to show (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        Context ctx = root.context();
        PrintStream out = new PrintStream(ctx.out(), false, StandardCharsets.UTF_8);
        List<Path> ledgers = new ArrayList<>();
        if (state != null) {
            if (!Files.exists(state)) {
                throw new UsageException("no ledger at " + state);
            }
            ledgers.add(state);
        } else {
            Path dir = StatePaths.folder(ctx.env());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".db")).sorted().forEach(ledgers::add);
                }
            }
            if (ledgers.isEmpty()) {
                out.println("no ledgers in " + dir + " yet (cf-sync send records one per destination)");
            }
        }
        for (Path p : ledgers) {
            show(out, p);
        }
        out.flush();
        return out.checkError() ? ExitCodes.ABORTED : ExitCodes.OK;
    }

    private void show(PrintStream out, Path p) {
        try (Ledger l = Ledger.open(p)) {
            out.println("ledger " + p);
            Map<String, Long> delivered = l.deliveredCounts();
            for (String dest : l.destinations()) {
                out.printf(Locale.ROOT, "  %s: %,d events delivered%n", dest, delivered.getOrDefault(dest, 0L));
                for (Ledger.SourceState s : l.sources(dest)) {
                    String progress = s.completeSize() >= 0 ? "finished (" + s.watermark() + " lines)"
                            : "in progress: lines 1-" + s.watermark() + " finished";
                    out.println("    " + s.path() + "  " + progress);
                }
            }
            List<Ledger.Run> last = l.lastRuns(runs);
            if (!last.isEmpty()) {
                out.println("  last runs:");
                for (Ledger.Run r : last) {
                    out.printf(Locale.ROOT, "    %s  %-10s %-12s pid %d%s%n", r.startedAt(), r.dest(),
                            r.outcome() == null ? "running or killed" : r.outcome(), r.pid(),
                            r.summary() == null ? "" : "  " + r.summary());
                }
            }
        }
    }
}
