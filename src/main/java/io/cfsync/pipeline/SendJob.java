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
import io.cfsync.send.Delivery;
import io.cfsync.send.DeliveryListener;
import io.cfsync.send.DryRunSink;
import io.cfsync.send.Failure;
import io.cfsync.send.HttpSink;
import io.cfsync.send.OutputException;
import io.cfsync.send.RunControl;
import io.cfsync.send.SendOptions;
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
                         boolean verbose, SendOptions send) {
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
        Translator translator = dest.translator(settings);
        if (!config.dryRun()) {
            dest.checkSendable(settings);
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
            RunControl control = new RunControl();
            String stopNote = null;
            try {
                Sink sink = config.dryRun()
                        ? new DryRunSink(dest.name(), auth, out, config.pretty(), pipeline.listener())
                        : new HttpSink(config.send(), dest.name(), config.send().effectiveRate(dest.defaultRate()),
                                auth, redactor, stats, withNotAttempted(pipeline.listener(), outcomes), err,
                                config.verbose(), control);
                boolean readAll = false;
                try {
                    readAll = pipeline.run(config.inputs(), stdin, sink, control::stopping);
                } finally {
                    sink.close();
                }
                outcome = control.stopping() ? RunOutcome.ABORTED
                        : stats.clean() ? RunOutcome.COMPLETE : RunOutcome.INCOMPLETE;
                if (control.stopping()) {
                    stopNote = stopMessage(control.stopped(), stats, ((HttpSink) sink).firstNotAttempted(), readAll,
                            redactor);
                }
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
            if (stopNote != null) {
                err.println(stopNote);
            }
        }
        return outcome;
    }

    /** The pipeline's listener, plus booking of events a stopped run never sent. */
    private static DeliveryListener withNotAttempted(DeliveryListener booked, OutcomeLog outcomes) {
        return new DeliveryListener() {
            @Override
            public void delivered(Delivery d) {
                booked.delivered(d);
            }

            @Override
            public void failed(Delivery d, Failure f) {
                booked.failed(d, f);
            }

            @Override
            public void notAttempted(Delivery d) {
                outcomes.record(d.file(), d.line(), d.messageId(), "not-attempted", null);
            }
        };
    }

    /** Why the run stopped, how far it got, and what to do next. */
    private static String stopMessage(RunControl.Stop stop, RunStats stats, String firstNotAttempted, boolean readAll,
                                      Redactor redactor) {
        String fix = switch (stop.reason()) {
            case CREDENTIALS -> "fix the credentials, then run the same command again";
            case VENDOR_DOWN -> "run the same command again once the vendor is back";
            case TLS -> "check --base-url and the machine's trust store, then run the same command again";
            default -> "run the same command again";
        };
        long notAttempted = stats.notAttempted.sum();
        return "cf-sync: run aborted: " + redactor.redact(stop.message()) + ".\n"
                + "cf-sync: read " + stats.lines.sum() + " lines"
                + (readAll ? " (all of the input)" : " (the rest of the input was not read)") + "; "
                + (notAttempted == 0 ? "every event read was attempted"
                        : notAttempted + " events read were never sent (the first at " + firstNotAttempted
                                + ") and are not in the dead-letter file") + ".\n"
                + "cf-sync: to continue, " + fix + "; events already delivered will be sent again.";
    }
}
