package io.cfsync.pipeline;

import io.cfsync.dest.SettingsException;
import io.cfsync.report.Console;
import io.cfsync.report.DeadLetters;
import io.cfsync.report.OutcomeLog;
import io.cfsync.report.OutputFile;
import io.cfsync.report.Redactor;
import io.cfsync.report.RunStats;
import io.cfsync.send.CurlFormat;
import io.cfsync.send.OutputException;
import io.cfsync.send.RunControl;
import io.cfsync.send.Sink;
import io.cfsync.send.SinkResult;
import io.cfsync.send.SinkSpec;
import io.cfsync.send.Sinks;
import io.cfsync.input.InputUnavailableException;
import io.cfsync.input.ReadMeter;
import io.cfsync.state.Ledger;
import io.cfsync.state.LockedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code send} service: one configuration in, one {@link RunResult} out. Opens and locks the ledger, reads the
 * inputs through the pipeline into the sink {@link Sinks} makes, then reports the run. One run per instance.
 */
public final class SendJob {
    /** What one run knows once the destination is prepared. */
    record Run(String id, Instant startedAt, long startedNanos, Setup setup) {
        Redactor redactor() {
            return setup.redactor();
        }
    }

    private final SendConfig config;
    /** The run's live figures and metrics, once it reads; null before. */
    private RunFigures figures;

    public SendJob(SendConfig config) {
        this.config = config;
    }

    public RunResult run(InputStream stdin, OutputStream out, PrintStream err) throws SettingsException, IOException {
        Run run = prepare(err);
        Ledger ledger;
        try {
            ledger = openLedger(run, err);
        } catch (LockedException e) {
            err.println("cf-sync: " + e.getMessage());
            return RunResult.LOCKED;
        }
        RunEnd end = new RunEnd(config, run, ledger, out);
        Finished done;
        try {
            done = send(run, ledger, end, stdin, out, err);
        } catch (IOException | RuntimeException | Error e) {
            if (ledger != null) {
                closeQuietly(ledger, e);
            }
            if (figures != null) {
                figures.close();
            }
            throw e;
        }
        RunEnd.Ended ended = done.ended();
        if (ledger != null) {
            ended = end.late(ended, null, ledger::close, err);
        }
        end.summarize(ended, done.book().stats(), done.deadLetters(), err);
        if (figures != null) {
            figures.finish(ended.outcome().exitCode());
        }
        return ended.outcome();
    }

    /** A run read and recorded, its files closed; what is left is to close the ledger and say how it went. */
    private record Finished(RunEnd.Ended ended, OutcomeBook book, DeadLetters deadLetters) {
    }

    /** Checks the destination's settings and builds what sending needs; says what a person should know. */
    private Run prepare(PrintStream err) throws SettingsException {
        SendConfig.Send send = config.send();
        Setup setup = Setup.of(config.destination(), config.settings(), new Setup.Shape(send.dryRun(),
                send.batchSize(), send.options().network(), config.unattended().command(),
                Sinks.secrets(send.options()), send.bulk()));
        for (String w : config.settings().warnings()) {
            err.println("cf-sync: warning: " + w);
        }
        return new Run(UUID.randomUUID().toString(), Instant.now(), System.nanoTime(), setup);
    }

    /** The locked ledger, or null when this run keeps none. */
    private Ledger openLedger(Run run, PrintStream err) throws IOException, LockedException {
        SendConfig.Unattended un = config.unattended();
        if (un.ledger() == null || config.send().dryRun()) {
            return null;
        }
        Ledger ledger = Ledger.open(un.ledger());
        try {
            ledger.lock(run.id(), un.leaseTimeout(), note -> err.println("cf-sync: " + note))
                    .ifPresent(note -> err.println("cf-sync: " + note));
        } catch (LockedException e) {
            ledger.close();
            throw e;
        }
        ledger.runStarted(run.id(), config.destination().name(),
                run.redactor().redact(String.join(" ", un.command())));
        return ledger;
    }

    /**
     * Reads, closes the outcomes and dead-letter files, then records the run's end: each step after the judgement
     * may still abort the run, which is why the summary waits for them all.
     */
    private Finished send(Run run, Ledger ledger, RunEnd end, InputStream stdin, OutputStream out, PrintStream err)
            throws IOException {
        String dest = config.destination().name();
        Checkpoints checkpoints = ledger == null ? null : new Checkpoints(ledger, dest, config.unattended().resend());
        DeadLetters deadLetters = OutputFile.isStdout(config.write().deadLetters())
                ? DeadLetters.toStdout(out, run.redactor(), dest, run.id())
                : new DeadLetters(config.write().deadLetters(), run.redactor(), dest, run.id(),
                        n -> err.println("cf-sync: " + n));
        OutcomeLog outcomes;
        try {
            outcomes = openOutcomes(out);
        } catch (IOException | RuntimeException e) {
            closeQuietly(deadLetters, e);
            throw e;
        }
        OutcomeBook book;
        RunEnd.Ended ended;
        try {
            if (checkpoints != null) {
                // A watermark must never cover a dead letter that is not on disk yet.
                checkpoints.beforeSave(deadLetters::sync);
            }
            book = new OutcomeBook(new RunStats(), deadLetters, outcomes, checkpoints,
                    config.send().dryRun() ? "mapped" : "delivered");
            ended = deliver(run, new Books(ledger, book, end), new Streams(stdin, out, err));
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(outcomes, e);
            closeQuietly(deadLetters, e);
            throw e;
        }
        ended = end.late(ended, "the outcomes " + where(config.write().outcomes()), outcomes::close, err);
        ended = end.late(ended, "the dead letters " + where(config.write().deadLetters()), deadLetters::close, err);
        ended = end.record(ended, book.stats(), deadLetters, checkpoints, err);
        return new Finished(ended, book, deadLetters);
    }

    private OutcomeLog openOutcomes(OutputStream out) throws IOException {
        Path file = config.write().outcomes();
        return file == null ? OutcomeLog.none() : OutputFile.isStdout(file) ? OutcomeLog.to(out) : OutcomeLog.to(file);
    }

    private static String where(Path file) {
        return OutputFile.isStdout(file) ? "to standard output" : "file " + file;
    }

    private static void closeQuietly(AutoCloseable c, Throwable failure) {
        try {
            c.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** A run that loses the ledger's lock stops: another run is sending the same events. */
    private static void watchLease(Ledger ledger, RunControl control) {
        if (ledger != null) {
            ledger.onLeaseLost(() -> control.stop(RunControl.Reason.OUTPUT, "another run took over the ledger's "
                    + "lock (this run was not heard from for a while, or the lock was broken by hand); stopping "
                    + "so that two runs do not send the same events"));
        }
    }

    /** Where a run keeps account: the ledger (null for none), the outcome book, and the end of the run. */
    private record Books(Ledger ledger, OutcomeBook book, RunEnd end) {
    }

    /** The process's standard streams. */
    private record Streams(InputStream in, OutputStream out, PrintStream err) {
    }

    /** Reads every input into the sink until the end or a stop, and judges how it went. */
    private RunEnd.Ended deliver(Run run, Books books, Streams io) throws IOException {
        OutcomeBook book = books.book();
        PrintStream err = io.err();
        ReadMeter meter = showsProgress() || config.metrics().any() ? ReadMeter.sized(config.read().inputs())
                : ReadMeter.NONE;
        figures = new RunFigures(book.stats(), meter, run.startedNanos());
        Pipeline pipeline = pipeline(run, book, meter, err);
        RunControl control = new RunControl();
        watchLease(books.ledger(), control);
        TimeBox box = TimeBox.start(config.unattended().maxRuntime(), control);
        try {
            Sink sink = Sinks.open(sinkSpec(run, io.out(), err), book.stats(), control, book);
            figures.start(sink, config.metrics(), config.destination().name(), run.startedAt(), err,
                    run.redactor()::redact);
            boolean readAll = false;
            SinkResult result;
            RunControl.Stop unread = null;
            try {
                readAll = pipeline.run(config.read().inputs(), io.in(), sink, () -> box.expired() || control.stopping());
            } catch (InputUnavailableException e) {
                // Not control.stop: what was read is still sent; only the reading ends, with the rest pending.
                unread = new RunControl.Stop(RunControl.Reason.INPUT, run.redactor().redact(e.getMessage()));
            } finally {
                figures.readingEnded();
                try {
                    result = sink.finish();
                } finally { // saved even when the sink failed: the watermark covers only finished lines
                    box.cancel();
                    if (book.checkpoints() != null) {
                        book.checkpoints().save();
                    }
                }
            }
            RunControl.Stop stop = control.stopped() != null ? control.stopped() : unread;
            return books.end().judge(stop, result, book.stats(), readAll, box.expired());
        } catch (OutputException | DeadLetters.WriteException e) {
            err.println("cf-sync: " + run.redactor().redact(e.getMessage()) + "; run aborted");
            return RunEnd.Ended.aborted(run.redactor().redact(e.getMessage()));
        } finally {
            box.cancel();
        }
    }

    private Pipeline pipeline(Run run, OutcomeBook book, ReadMeter meter, PrintStream err) {
        return new Pipeline(run.setup().target(), config.read().filter(), book)
                .withShard(config.read().shard())
                .withNotes(n -> {
                    // --quiet: errors only; where each input resumes is in the ledger (cf-sync status).
                    if (!config.write().quiet()) {
                        err.println("cf-sync: " + n);
                    }
                })
                .withMaxLineBytes(config.read().maxLineBytes())
                .withMeter(meter);
    }

    private boolean showsProgress() {
        return !config.send().dryRun() && config.send().progress() != Console.ProgressMode.none;
    }

    /** The sink this run asks for: the dry-run printer, or the HTTP sink; batching when the destination has it. */
    private SinkSpec sinkSpec(Run run, OutputStream out, PrintStream err) {
        SendConfig.Send send = config.send();
        if (send.dryRun()) {
            SendConfig.Printout printout = config.write().printout();
            return run.setup().printing(new SinkSpec.Printing(out, printout == SendConfig.Printout.PRETTY,
                    printout != SendConfig.Printout.CURL
                            ? null : CurlFormat.of(config.destination(), config.settings(), send.options().userAgent())));
        }
        return run.setup().sending(send.options(), Console.of(err, run.redactor(), send.progress(),
                voice(config.write()), send.handleSignals()).withStyle(send.progressStyle())
                .withInput(figures::reading));
    }

    private static Console.Voice voice(SendConfig.Write write) {
        return write.quiet() ? Console.Voice.QUIET : write.verbose() ? Console.Voice.VERBOSE : Console.Voice.NORMAL;
    }
}
