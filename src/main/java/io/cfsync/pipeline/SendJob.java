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
import io.cfsync.send.DryRunSink;
import io.cfsync.send.OutputException;
import io.cfsync.send.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code send} service: wires inputs, one destination, the sink, the dead-letter file and the summary. */
public final class SendJob {
    /** Everything {@code cf-sync send} decided from its command line. */
    public record Config(List<InputSource> inputs, Destination destination, Settings settings, EventFilter filter,
                         boolean dryRun, boolean pretty, Path deadLetterPath, Path outcomesPath, boolean quiet,
                         boolean verbose) {
    }

    private final Config config;

    public SendJob(Config config) {
        this.config = config;
    }

    public RunOutcome run(InputStream stdin, OutputStream out, PrintStream err) throws SettingsException, IOException {
        Destination dest = config.destination();
        Settings settings = config.settings();
        Translator translator = dest.translator(settings);
        if (!config.dryRun()) {
            dest.checkSendable(settings);
            throw new SettingsException("sending is not available in this version; use --dry-run to preview "
                    + "the requests");
        }
        Auth auth = dest.auth(settings);
        List<Secret> secrets = new ArrayList<>(settings.secrets());
        secrets.add(auth.secret());
        Redactor redactor = new Redactor(secrets);
        for (String w : settings.warnings()) {
            err.println("cf-sync: warning: " + w);
        }
        if (config.verbose()) {
            err.println("cf-sync: " + dest.name() + " settings " + settings.describe());
        }
        RunStats stats = new RunStats();
        long started = System.nanoTime();
        RunOutcome outcome;
        try (DeadLetters deadLetters = new DeadLetters(config.deadLetterPath(), redactor);
             OutcomeLog outcomes = config.outcomesPath() == null ? OutcomeLog.none()
                     : OutcomeLog.to(config.outcomesPath())) {
            PrePass prePass = dest.prePass(settings);
            Pipeline pipeline = new Pipeline(new Pipeline.Target(dest, translator, prePass), config.filter(), stats,
                    deadLetters, outcomes, config.dryRun() ? "mapped" : "delivered");
            try {
                Sink sink = new DryRunSink(dest.name(), auth, out, config.pretty(), pipeline.listener());
                try {
                    pipeline.run(config.inputs(), stdin, sink, () -> false);
                } finally {
                    sink.close();
                }
                outcome = stats.clean() ? RunOutcome.COMPLETE : RunOutcome.INCOMPLETE;
            } catch (OutputException e) {
                err.println("cf-sync: " + redactor.redact(e.getMessage()) + "; run aborted");
                outcome = RunOutcome.ABORTED;
            }
            if (!config.quiet()) {
                long ms = (System.nanoTime() - started) / 1_000_000;
                Summary.print(err, "cf-sync send --dest " + dest.name() + (config.dryRun() ? " --dry-run" : ""),
                        stats, config.dryRun() ? "mapped" : "delivered",
                        deadLetters.written() > 0 ? deadLetters.path() : null, ms);
            }
        }
        return outcome;
    }
}
