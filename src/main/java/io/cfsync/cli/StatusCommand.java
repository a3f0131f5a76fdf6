package io.cfsync.cli;

import io.cfsync.report.Plural;
import io.cfsync.report.Durations;
import io.cfsync.state.Lease;
import io.cfsync.state.Ledger;
import io.cfsync.state.SourceState;
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
                + "~/.local/state/cf-sync).",
            "",
            "It also shows the lock: a running send holds a lease on its ledger and refreshes it every 15 s; a "
                + "lease not refreshed for 2 minutes is stale and the next run takes it over. --break-lock removes "
                + "the lease at once, for when its holder is known to be gone."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {"0:shown", ExitCodes.L2})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Option(names = "--state", paramLabel = "FILE", description = "The ledger to show.")
    Path state;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "How many recent runs to show (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--shared-rate", paramLabel = "URL",
            description = {"Instead of the ledgers, show the shared rate budgets in the Redis at URL (see send "
                    + "--shared-rate): each budget's ceiling, its rate now, and its workers (heard from in the last "
                    + "10 s) with their shard or task and their share of the last minute. Default: "
                    + "CF_SYNC_SHARED_RATE when --shared-rate-key is given. The URL:",
                // The URL form on a line of its own: picocli would wrap inside it.
                "redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]"})
    String sharedRate;

    @Option(names = "--shared-rate-key", paramLabel = "NAME",
            description = "Show only this budget (default: every budget in that Redis).")
    String sharedRateKey;

    /** What "now" is for the times shown; tests fix it. */
    java.time.Clock clock = java.time.Clock.systemUTC();

    @Option(names = "--break-lock", description = "Remove the ledger's lock (its lease) whoever holds it, and say "
            + "whose it was; needs --state. Use it only when the run holding it is gone for sure.")
    boolean breakLock;

    @Option(names = "--json", description = "Print one JSON document for scripts instead of text: {\"ledgers\":[{\"path\", "
            + "\"lock\", \"destinations\":[{\"name\", \"delivered\", \"inputs\"}], \"runs\"}]} (keys as documented).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Context ctx = root.context();
        PrintStream out = new PrintStream(ctx.out(), false, StandardCharsets.UTF_8);
        String budgets = sharedRate != null ? sharedRate
                : sharedRateKey != null ? ctx.env().get("CF_SYNC_SHARED_RATE") : null;
        if (sharedRateKey != null && budgets == null) {
            throw new UsageException("--shared-rate-key needs --shared-rate URL (or CF_SYNC_SHARED_RATE)");
        }
        if (budgets != null) {
            if (state != null || breakLock) {
                throw new UsageException("--shared-rate shows shared budgets, not ledgers: drop --state and "
                        + "--break-lock");
            }
            SharedRateStatus.print(out, budgets, sharedRateKey, json);
            out.flush();
            return out.checkError() ? ExitCodes.ABORTED : ExitCodes.OK;
        }
        List<Path> ledgers = new ArrayList<>();
        if (breakLock && state == null) {
            throw new UsageException("--break-lock needs --state FILE: the ledger whose lock to remove");
        }
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
            if (ledgers.isEmpty() && !json) {
                out.println("no ledgers in " + dir + " yet (cf-sync send records one per destination)");
            }
        }
        if (json) {
            return StatusJson.print(out, ledgers, breakLock, runs);
        }
        for (Path p : ledgers) {
            if (breakLock) {
                breakLock(out, p);
            } else {
                show(out, p);
            }
        }
        out.flush();
        return out.checkError() ? ExitCodes.ABORTED : ExitCodes.OK;
    }

    private void show(PrintStream out, Path p) {
        try (Ledger l = Ledger.open(p)) {
            out.println("ledger " + p);
            out.println("  lock: " + l.lease().map(x -> lease(x, l.look(x, clock.instant()))).orElse("free"));
            Map<String, Long> delivered = l.deliveredCounts();
            for (String dest : l.destinations()) {
                out.println("  " + dest + ": " + Plural.count(delivered.getOrDefault(dest, 0L), "event")
                        + " delivered");
                for (SourceState s : l.sources(dest)) {
                    String progress = s.complete() ? "finished (" + Plural.count(s.watermark(), "line") + ")"
                            : s.watermark() == 0 ? "in progress: no line finished yet"
                            : "in progress: lines 1-" + s.watermark() + " finished";
                    out.println("    " + s.path() + "  " + progress + (s.prefixSha256() == null
                            ? " (recorded without a content hash: the next run reads it from the start)" : ""));
                }
            }
            List<Ledger.Run> last = l.lastRuns(runs);
            if (!last.isEmpty()) {
                out.println("  last runs:");
                Lease lease = l.lease().orElse(null);
                Lease.Look look = lease == null ? null : l.look(lease, clock.instant());
                for (Ledger.Run r : last) {
                    out.printf(Locale.ROOT, "    %s  %-10s %-12s pid %d%s%n",
                            HumanTime.format(r.startedAt(), clock.instant()), r.dest(),
                            r.outcome() == null ? unended(r, lease, look) : r.outcome(), r.pid(),
                            r.summary() == null ? "" : "  " + r.summary());
                }
            }
        }
    }

    /**
     * What became of a run that recorded no ending. A run sends only while it holds the lease, so one whose lease is
     * gone (taken over, or released by the run after it) was killed; while it holds the lease, its process says.
     */
    static String unended(Ledger.Run r, Lease lease, Lease.Look look) {
        if (lease == null || !lease.runId().equals(r.id())) {
            return "killed";
        }
        return switch (look) {
            case RUNNING_HERE -> "running";
            case GONE_HERE -> "killed";
            case FRESH -> "running on " + lease.host();
            case IN_DOUBT -> "running or killed";
        };
    }

    private String lease(Lease l, Lease.Look look) {
        java.time.Instant now = clock.instant();
        return "held by pid " + l.pid() + " on host " + l.host() + " (run started "
                + HumanTime.format(l.startedAt(), now) + ", lease last refreshed "
                + HumanTime.format(l.refreshedAt(), now) + "); " + switch (look) {
                    case RUNNING_HERE -> "that process runs on this host: the lease holds while it runs";
                    case GONE_HERE -> "that process is gone: the next run takes the lease over";
                    case FRESH -> "stale at " + HumanTime.format(l.staleAt(), now) + " unless refreshed";
                    case IN_DOUBT -> "not refreshed lately by this host's clock, or dated ahead of it: the next run "
                            + "watches it for up to " + Durations.format(l.timeout()) + " and takes it over unless "
                            + "it is refreshed meanwhile";
                };
    }

    private static void breakLock(PrintStream out, Path p) {
        try (Ledger l = Ledger.open(p)) {
            out.println(l.breakLock().map(old -> "removed the lock of " + old.describe() + " from the ledger " + p)
                    .orElse("the ledger " + p + " was not locked"));
        }
    }
}
