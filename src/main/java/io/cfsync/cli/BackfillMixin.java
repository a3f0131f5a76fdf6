package io.cfsync.cli;

import io.cfsync.pipeline.SendConfig;
import io.cfsync.pipeline.Shard;
import io.cfsync.state.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Options that make unattended runs safe: the ledger, resend, time box, run report and sharding. */
final class BackfillMixin {
    // Each path starts a line of its own: picocli may wrap inside a path at '/' or '.', and a path split over two
    // lines can be neither read nor copied.
    @Option(names = "--state", paramLabel = "FILE",
            description = {"The run ledger (SQLite): resume points, delivered events, the overlap lock. Not used by "
                    + "--dry-run. Default:", "$XDG_STATE_HOME/cf-sync/<dest>.db,",
                "else ~/.local/state/cf-sync/<dest>.db."})
    Path state;

    @Option(names = "--no-state", description = "Use no ledger: no resume, no duplicate protection across runs, "
            + "no lock.")
    boolean noState;

    @Option(names = "--resend", description = "Send events again even when the ledger says they were delivered.")
    boolean resend;

    @Option(names = "--max-runtime", paramLabel = "DURATION", converter = SendOptionsMixin.DurationConverter.class,
            description = "Stop reading after DURATION (e.g. 50m, 2h, 1h30m), on the monotonic clock; requests "
                    + "in flight get 5s to finish, then are abandoned (their events stay pending). Records where "
                    + "to continue and exits as a finished run would (0, or 1 with dead letters); the next run "
                    + "goes on from there.")
    Duration maxRuntime;

    @Option(names = "--lease-timeout", paramLabel = "DURATION", defaultValue = "2m",
            converter = SendOptionsMixin.DurationConverter.class,
            description = "How long this run may go without refreshing its lease on the ledger before a run on "
                    + "another host takes the ledger over (it refreshes every eighth of that); between 2s and 1h. "
                    + "On this host a lease lasts exactly as long as its process. Default: ${DEFAULT-VALUE}.")
    Duration leaseTimeout;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of the run to FILE (- for stdout).")
    Path report;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Only users whose stable hash falls in shard I of N (1-based), so N hosts can split one "
                    + "backfill; --rate is then this host's share.")
    String shard;

    Shard shard() {
        if (shard == null) {
            return Shard.ALL;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard: " + e.getMessage());
        }
    }

    /** The time box, or null for none. */
    Duration maxRuntime() {
        return maxRuntime;
    }

    /**
     * The unattended-run part of the send configuration.
     *
     * @param defaultLedger the ledger used when {@code --state} is not given (asked only then)
     * @param dryRun        a dry-run keeps no ledger
     * @param command       the command line, secret settings already masked
     */
    SendConfig.Unattended unattended(Supplier<Path> defaultLedger, boolean dryRun, List<String> command, String version) {
        Path ledger = dryRun || noState ? null : state != null ? state : defaultLedger.get();
        if (leaseTimeout.compareTo(Lease.MIN_TIMEOUT) < 0 || leaseTimeout.compareTo(Lease.MAX_TIMEOUT) > 0) {
            throw new UsageException("--lease-timeout: give a duration between 2s and 1h (a run refreshes its "
                    + "lease every eighth of it, and a run on another host may watch it that long)");
        }
        return new SendConfig.Unattended(ledger, resend, maxRuntime, command, version, leaseTimeout);
    }
}
