package io.cfsync.pipeline;

import io.cfsync.dest.Auth;
import io.cfsync.dest.Destination;
import io.cfsync.dest.PrePass;
import io.cfsync.dest.Secret;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.dest.Translator;
import io.cfsync.input.InputSource;
import io.cfsync.report.DeadLetters;
import io.cfsync.report.OutcomeLog;
import io.cfsync.report.Redactor;
import io.cfsync.report.RunStats;
import io.cfsync.report.Summary;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.Configured;
import io.cfsync.send.BatchingSink;
import io.cfsync.send.Durations;
import io.cfsync.send.DryRunSink;
import io.cfsync.send.HttpSink;
import io.cfsync.send.OutputException;
import io.cfsync.send.RunControl;
import io.cfsync.send.SendOptions;
import io.cfsync.send.Sink;
import io.cfsync.report.RunReport;
import io.cfsync.state.Ledger;
import io.cfsync.state.LockedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The {@code send} service: wires inputs, one destination, the sink, the dead-letter file and the summary. */
public final class SendJob {
    /**
     * What makes a run safe to leave alone.
     *
     * @param state      the ledger file, or null for none (dry-runs never use one)
     * @param resend     send again what the ledger says was delivered
     * @param maxRuntime stop reading after this long, or null
     * @param report     where to write the JSON run report, or null
     * @param command    the command line, for the ledger and the report (redacted before it is written)
     */
    public record Unattended(Path state, boolean resend, Duration maxRuntime, Path report, Shard shard,
                             List<String> command, String version) {
        public static final Unattended NONE = new Unattended(null, false, null, null, Shard.ALL, List.of(),
                "unknown");
    }

    /** Everything {@code cf-sync send} decided from its command line. */
    public record Config(List<InputSource> inputs, Destination destination, Settings settings, EventFilter filter,
                         boolean dryRun, boolean pretty, Path deadLetterPath, Path outcomesPath, boolean quiet,
                         boolean verbose, SendOptions send, Unattended unattended, int batchSize) {
        /** A config with the destination's batching, when it has one, at its default size. */
        public Config(List<InputSource> inputs, Destination destination, Settings settings, EventFilter filter,
                      boolean dryRun, boolean pretty, Path deadLetterPath, Path outcomesPath, boolean quiet,
                      boolean verbose, SendOptions send, Unattended unattended) {
            this(inputs, destination, settings, filter, dryRun, pretty, deadLetterPath, outcomesPath, quiet, verbose,
                    send, unattended, Integer.MAX_VALUE);
        }

        /** A config for an attended run. */
        public Config(List<InputSource> inputs, Destination destination, Settings settings, EventFilter filter,
                      boolean dryRun, boolean pretty, Path deadLetterPath, Path outcomesPath, boolean quiet,
                      boolean verbose, SendOptions send) {
            this(inputs, destination, settings, filter, dryRun, pretty, deadLetterPath, outcomesPath, quiet, verbose,
                    send, Unattended.NONE);
        }

        /** A config with the default sending options. */
        public Config(List<InputSource> inputs, Destination destination, Settings settings, EventFilter filter,
                      boolean dryRun, boolean pretty, Path deadLetterPath, Path outcomesPath, boolean quiet,
                      boolean verbose) {
            this(inputs, destination, settings, filter, dryRun, pretty, deadLetterPath, outcomesPath, quiet, verbose,
                    SendOptions.defaults("unknown"));
        }
    }

    private final Config config;

    public SendJob(Config config) {
        this.config = config;
    }

    public RunOutcome run(InputStream stdin, OutputStream out, PrintStream err) throws SettingsException, IOException {
        Destination dest = config.destination();
        Settings settings = config.settings();
        Configured configured = dest.configure(settings);
        Translator translator = configured.translator();
        if (!config.dryRun()) {
            dest.checkSendable(settings);
        }
        Auth auth = configured.auth();
        List<Secret> secrets = new ArrayList<>(settings.secrets());
        secrets.add(auth.secret());
        Redactor redactor = Redactor.of(secrets, config.unattended().command());
        for (String w : settings.warnings()) {
            err.println("cf-sync: warning: " + w);
        }
        if (config.verbose()) {
            err.println("cf-sync: " + dest.name() + " settings " + settings.describe());
        }
        Unattended un = config.unattended();
        String runId = UUID.randomUUID().toString();
        Instant startedAt = Instant.now();
        Ledger ledger = null;
        if (un.state() != null && !config.dryRun()) {
            ledger = Ledger.open(un.state());
            try {
                ledger.lock(runId).ifPresent(note -> err.println("cf-sync: " + note));
            } catch (LockedException e) {
                ledger.close();
                err.println("cf-sync: " + e.getMessage());
                return RunOutcome.LOCKED;
            }
            ledger.runStarted(runId, dest.name(), redactor.redact(String.join(" ", un.command())));
        }
        try {
            return run(stdin, out, err, dest, settings, translator, auth, redactor, ledger, runId, startedAt);
        } finally {
            if (ledger != null) {
                ledger.close();
            }
        }
    }

    private RunOutcome run(InputStream stdin, OutputStream out, PrintStream err, Destination dest, Settings settings,
                           Translator translator, Auth auth, Redactor redactor, Ledger ledger, String runId,
                           Instant startedAt) throws IOException {
        Unattended un = config.unattended();
        RunStats stats = new RunStats();
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        Checkpoints checkpoints = ledger == null ? null : new Checkpoints(ledger, dest.name(), un.resend());
        RunOutcome outcome;
        try (DeadLetters deadLetters = new DeadLetters(config.deadLetterPath(), redactor, dest.name(), runId,
                n -> err.println("cf-sync: " + n));
             OutcomeLog outcomes = config.outcomesPath() == null ? OutcomeLog.none()
                     : OutcomeLog.to(config.outcomesPath())) {
            if (checkpoints != null) {
                // A watermark must never cover a dead letter that is not on disk yet.
                checkpoints.beforeSave(deadLetters::sync);
            }
            PrePass prePass = dest.prePass(settings);
            Pipeline pipeline = new Pipeline(new Pipeline.Target(dest, translator, prePass), config.filter(), stats,
                    deadLetters, outcomes, config.dryRun() ? "mapped" : "delivered")
                    .withCheckpoints(checkpoints)
                    .withShard(un.shard())
                    .withNotes(n -> err.println("cf-sync: " + n));
            RunControl control = new RunControl();
            if (ledger != null) {
                ledger.onLeaseLost(() -> control.stop(RunControl.Reason.OUTPUT, "another run took over the ledger's "
                        + "lock (this run was not heard from for a while, or the lock was broken by hand); stopping "
                        + "so that two runs do not send the same events"));
            }
            java.util.Timer timeBox = null;
            if (un.maxRuntime() != null) {
                timeBox = new java.util.Timer("cf-sync-time-box", true);
                timeBox.schedule(new java.util.TimerTask() {
                    @Override
                    public void run() {
                        timedOut.set(true);
                        control.stop(RunControl.Reason.TIME_BOX, "--max-runtime " + Durations.format(un.maxRuntime())
                                + " reached");
                    }
                }, un.maxRuntime().toMillis());
            }
            String stopNote = null;
            boolean readAll = false;
            boolean workRemains = false;
            try {
                BatchingSink.Target target = config.dryRun()
                        ? new DryRunSink(dest.name(), auth, out, config.pretty(), pipeline.listener())
                        : new HttpSink(config.send(), dest.throttleWait(), config.send().effectiveRate(dest.defaultRate()),
                                auth, redactor, stats, pipeline.listener(), err,
                                config.verbose(), control);
                BatchSpec batching = config.batchSize() > 0 ? dest.batching(settings) : null;
                Sink sink = batching == null ? target
                        : new BatchingSink(batching.withMaxEntities(config.batchSize()), target);
                try {
                    readAll = pipeline.run(config.inputs(), stdin, sink,
                            () -> timedOut.get() || control.stopping());
                } finally {
                    try {
                        sink.close();
                    } finally { // saved even when the sink failed: the watermark covers only finished lines
                        if (timeBox != null) {
                            timeBox.cancel();
                        }
                        if (checkpoints != null) {
                            checkpoints.save();
                        }
                    }
                }
                boolean aborted = control.stopping() && control.stopped().reason() != RunControl.Reason.TIME_BOX;
                outcome = aborted ? RunOutcome.ABORTED
                        : stats.clean() ? RunOutcome.COMPLETE : RunOutcome.INCOMPLETE;
                if (aborted) {
                    stopNote = stopMessage(control.stopped(), stats, ((HttpSink) target).firstPending(), readAll,
                            redactor, ledger != null);
                } else if (timedOut.get() && (!readAll || stats.pending() > 0)) {
                    workRemains = true;
                    stopNote = "cf-sync: stopped at --max-runtime " + Durations.format(un.maxRuntime())
                            + " after reading " + stats.lines.sum() + " lines (" + stats.pending()
                            + " events read were left pending for the next run); work remains: "
                            + (ledger != null ? "the next run continues where this one stopped"
                                    : "without a ledger the next run starts from the beginning");
                }
            } catch (OutputException | DeadLetters.WriteException e) {
                err.println("cf-sync: " + redactor.redact(e.getMessage()) + "; run aborted");
                outcome = RunOutcome.ABORTED;
            }
            if (!config.quiet()) {
                long ms = (System.nanoTime() - started) / 1_000_000;
                Summary.print(err, "cf-sync send --dest " + dest.name() + (config.dryRun() ? " --dry-run" : ""),
                        stats, config.dryRun() ? "mapped" : "delivered",
                        deadLetters.written() > 0 ? deadLetters.path() : null, ms);
                if (deadLetters.path() == null && deadLetters.written() > 0) {
                    err.println("  dead letters:  not written by a dry-run; list the invalid events with 'cf-sync "
                            + "validate' on the same inputs, or add --dead-letter FILE to write them all");
                }
            }
            if (stopNote != null) {
                err.println(stopNote);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (ledger != null) {
                ledger.runEnded(runId, outcome.name().toLowerCase(java.util.Locale.ROOT),
                        stats.delivered.sum() + " delivered, " + stats.skipped.total() + " skipped, "
                                + stats.deadLettered.total() + " dead-lettered"
                                + (workRemains ? ", stopped at --max-runtime" : ""));
            }
            if (un.report() != null) {
                RunReport.write(un.report(), redactor, runId, un.version(), un.command(), dest.name(),
                        config.dryRun(), startedAt.toString(), Instant.now().toString(), seconds,
                        outcome.name().toLowerCase(java.util.Locale.ROOT)
                                + (workRemains ? "-time-boxed" : ""),
                        checkpoints == null ? List.of() : checkpoints.snapshot(), stats, deadLetters.firstErrors());
            }
        }
        return outcome;
    }

    /** Why the run stopped, how far it got, and what to do next. */
    private static String stopMessage(RunControl.Stop stop, RunStats stats, String firstPending, boolean readAll,
                                      Redactor redactor, boolean ledger) {
        String fix = switch (stop.reason()) {
            case CREDENTIALS -> "fix the credentials, then run the same command again";
            case VENDOR_DOWN -> "run the same command again once the vendor is back";
            case TLS -> "check --base-url and the machine's trust store, then run the same command again";
            default -> "run the same command again";
        };
        long pending = stats.pending();
        return "cf-sync: run aborted: " + redactor.redact(stop.message()) + ".\n"
                + "cf-sync: read " + stats.lines.sum() + " lines"
                + (readAll ? " (all of the input)" : " (the rest of the input was not read)") + "; "
                + (pending == 0 ? "every event read was settled"
                        : pending + " events were left pending (" + stats.notAttempted.sum() + " not attempted, "
                                + stats.interrupted.sum() + " interrupted; the first at " + firstPending
                                + "): they are not in the dead-letter file") + ".\n"
                + "cf-sync: to continue, " + fix + (ledger ? "; the ledger skips events already delivered."
                        : "; without a ledger (--no-state) events already delivered will be sent again.");
    }
}
