package io.cfsync.pipeline;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Settings;
import io.cfsync.input.InputSource;
import io.cfsync.report.Console;
import io.cfsync.report.metrics.MetricsTarget;
import io.cfsync.send.SinkTuning;
import io.cfsync.state.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code cf-sync send} decided from its command line, in small named parts. Immutable.
 *
 * @param destination where the events go, with its resolved settings in {@code settings}
 * @param read        what to read
 * @param write       where outcomes and output go
 * @param send        how to send (or print)
 * @param unattended  what makes a run safe to leave alone
 * @param metrics     where the run's metrics go (a textfile, a Pushgateway), or {@link MetricsTarget#NONE}
 */
public record SendConfig(Destination destination, Settings settings, Read read, Write write, Send send,
                         Unattended unattended, MetricsTarget metrics) {
    /**
     * What to read.
     *
     * @param inputs the sources, in order
     * @param filter which events to keep
     * @param shard  which users to keep; the others are skipped as {@code other-shard}
     * @param maxLineBytes the longest line read; a longer one is dead-lettered as {@code line-too-long}
     */
    public record Read(List<InputSource> inputs, EventFilter filter, Shard shard, int maxLineBytes) {
        public Read {
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(filter);
            Objects.requireNonNull(shard);
            if (maxLineBytes < 1) {
                throw new IllegalArgumentException("maxLineBytes must be positive");
            }
        }

        /** With the default line limit. */
        public Read(List<InputSource> inputs, EventFilter filter, Shard shard) {
            this(inputs, filter, shard, io.cfsync.input.EventReader.DEFAULT_MAX_LINE_BYTES);
        }
    }

    /** How a dry-run prints each request. */
    public enum Printout {
        /** One canonical JSON line per request. */
        LINES,
        /** Indented JSON. */
        PRETTY,
        /** A bash command running curl: the exact request a send makes. */
        CURL
    }

    /**
     * Where outcomes and output go.
     *
     * @param deadLetters the dead-letter file, or null to write none (a dry-run without {@code --dead-letter})
     * @param outcomes    the per-event outcomes file, or null
     * @param report      the JSON run report, or null
     * @param printout    how a dry-run prints each request
     * @param quiet       no summary on stderr
     * @param verbose     print the resolved settings and each failed attempt
     */
    public record Write(Path deadLetters, Path outcomes, Path report, Printout printout, boolean quiet,
                        boolean verbose) {
        public Write {
            Objects.requireNonNull(printout);
        }
    }

    /**
     * How to send.
     *
     * @param dryRun        print the requests instead of sending them
     * @param options       pacing, parallelism and patience, with the rate already resolved
     * @param batchSize     most events in one batch request; 0 sends one request per event
     * @param progress      how progress is shown
     * @param handleSignals whether SIGINT/SIGTERM/SIGHUP stop the run gracefully
     * @param progressStyle how often progress log lines come and how wide the bar may be
     * @param bulk          use the destination's bulk jobs where it has them (false: each event's own plan)
     */
    public record Send(boolean dryRun, SinkTuning options, int batchSize, Console.ProgressMode progress,
                       boolean handleSignals, Console.Style progressStyle, boolean bulk) {
        public Send {
            Objects.requireNonNull(options);
            Objects.requireNonNull(progress);
            Objects.requireNonNull(progressStyle);
        }

        /** With the default progress style, and bulk jobs where the destination has them. */
        public static Send of(boolean dryRun, SinkTuning options, int batchSize, Console.ProgressMode progress,
                              boolean handleSignals) {
            return of(dryRun, options, batchSize, progress, handleSignals, Console.Style.DEFAULT);
        }

        /** With bulk jobs where the destination has them. */
        public static Send of(boolean dryRun, SinkTuning options, int batchSize, Console.ProgressMode progress,
                              boolean handleSignals, Console.Style progressStyle) {
            return new Send(dryRun, options, batchSize, progress, handleSignals, progressStyle, true);
        }

        /** The same, using bulk jobs ({@code true}) or each event's own plan. */
        public Send withBulk(boolean useBulk) {
            return new Send(dryRun, options, batchSize, progress, handleSignals, progressStyle, useBulk);
        }
    }

    /**
     * What makes a run safe to leave alone.
     *
     * @param ledger     the ledger file, or null for none (dry-runs never use one)
     * @param resend     send again what the ledger says was delivered
     * @param maxRuntime stop reading after this long, or null
     * @param command    the command line, for the ledger and the report (redacted before it is written)
     * @param version    cf-sync's version, for the report
     * @param leaseTimeout how long the run may go without refreshing its lease before another host takes over
     */
    public record Unattended(Path ledger, boolean resend, Duration maxRuntime, List<String> command,
                             String version, Duration leaseTimeout) {
        public Unattended {
            command = List.copyOf(command);
            Objects.requireNonNull(version);
            Objects.requireNonNull(leaseTimeout);
        }

        /** With the default lease timeout. */
        public Unattended(Path ledger, boolean resend, Duration maxRuntime, List<String> command, String version) {
            this(ledger, resend, maxRuntime, command, version, Lease.DEFAULT_TIMEOUT);
        }
    }

    /** A run that keeps no metrics; {@link #withMetrics} names where they go. */
    public static SendConfig of(Destination destination, Settings settings, Read read, Write write, Send send,
                                Unattended unattended) {
        return new SendConfig(destination, settings, read, write, send, unattended, MetricsTarget.NONE);
    }

    public SendConfig withMetrics(MetricsTarget target) {
        return new SendConfig(destination, settings, read, write, send, unattended, target);
    }

    public SendConfig {
        Objects.requireNonNull(metrics);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(read);
        Objects.requireNonNull(write);
        Objects.requireNonNull(send);
        Objects.requireNonNull(unattended);
    }
}
