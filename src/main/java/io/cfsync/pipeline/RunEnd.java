package io.cfsync.pipeline;

import io.cfsync.report.DeadLetters;
import io.cfsync.report.OutputFile;
import io.cfsync.report.Plural;
import io.cfsync.report.RunReport;
import io.cfsync.report.RunStats;
import io.cfsync.report.Summary;
import io.cfsync.report.Durations;
import io.cfsync.send.RunControl;
import io.cfsync.send.SinkResult;
import io.cfsync.state.Ledger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How a send run ended, and saying so: the outcome, the ledger and the report, then the summary and the note on
 * stderr, in that order, so that a write failing late changes the exit code before the summary tells it. Used by
 * one run's thread.
 */
final class RunEnd {
    /**
     * @param note        what to tell the person after the summary, or null
     * @param workRemains the time box stopped the run with work left for the next one
     * @param cause       why an aborted run stopped, in words (redacted), or null
     */
    record Ended(RunResult outcome, String note, boolean workRemains, String cause) {
        static final Ended ABORTED = new Ended(RunResult.ABORTED, null, false);

        Ended(RunResult outcome, String note, boolean workRemains) {
            this(outcome, note, workRemains, null);
        }

        /** A run that stopped because its output could not be written; {@code cause} is already redacted. */
        static Ended aborted(String cause) {
            return new Ended(RunResult.ABORTED, null, false, cause);
        }
    }

    private final SendConfig config;
    private final SendJob.Run run;
    private final Ledger ledger;
    private final java.io.OutputStream stdout;

    /** @param ledger the run's ledger, or null; @param stdout where {@code --report -} goes */
    RunEnd(SendConfig config, SendJob.Run run, Ledger ledger, java.io.OutputStream stdout) {
        this.config = config;
        this.run = run;
        this.ledger = ledger;
        this.stdout = stdout;
    }

    /**
     * The outcome of a run whose sink finished: a stop other than the time box aborts it; otherwise it is complete
     * when every event was delivered or deliberately skipped.
     *
     * @param stop     why the run stopped, or null
     * @param readAll  every input was read to its end
     * @param timedOut {@code --max-runtime} was reached
     */
    Ended judge(RunControl.Stop stop, SinkResult result, RunStats stats, boolean readAll, boolean timedOut) {
        if (stop != null && stop.reason() != RunControl.Reason.TIME_BOX) {
            return new Ended(RunResult.ABORTED, stopMessage(stop, stats, result.firstPending(), readAll), false,
                    run.redactor().redact(stop.message()));
        }
        RunResult outcome = stats.clean() ? RunResult.COMPLETE : RunResult.INCOMPLETE;
        if (timedOut && (!readAll || stats.pending() > 0)) {
            return new Ended(outcome, "cf-sync: stopped at --max-runtime "
                    + Durations.format(config.unattended().maxRuntime()) + " after reading "
                    + Plural.count(stats.lines.sum(), "line") + " (" + Plural.count(stats.pending(), "event")
                    + " read " + (stats.pending() == 1 ? "was" : "were") + " left pending for the next run); work "
                    + "remains: " + (ledger != null ? "the next run continues where this one stopped"
                            : "without a ledger the next run starts from the beginning"), true);
        }
        return new Ended(outcome, null, false);
    }

    /** One step that writes after the run was judged, and may still fail. */
    interface LateStep {
        void run() throws IOException;
    }

    /**
     * Runs a step that comes after the run was judged: the outcomes and dead-letter files closed, the run's end in
     * the ledger, the report. Its failure aborts the run, so that the summary, printed once all of them are done,
     * tells the exit code the process ends with. The failure is told at once too, for {@code --quiet}.
     *
     * @param what what the step writes, for the message: {@code the report to standard output}; null when the
     *             failure names it already (the ledger's do)
     */
    Ended late(Ended ended, String what, LateStep step, PrintStream err) {
        try {
            step.run();
            return ended;
        } catch (IOException | RuntimeException e) {
            String cause = run.redactor().redact(what == null ? describe(e) : "cannot write " + what + ": "
                    + describe(e));
            err.println("cf-sync: " + cause + "; run aborted");
            return ended.outcome() == RunResult.ABORTED && ended.cause() != null ? ended
                    : new Ended(RunResult.ABORTED, ended.note(), false, cause);
        }
    }

    /** The run's end in the ledger, then the JSON report when asked for; each may abort the run. */
    Ended record(Ended ended, RunStats stats, DeadLetters deadLetters, Checkpoints checkpoints, PrintStream err) {
        Ended e = ended;
        if (ledger != null) {
            Ended before = e;
            e = late(e, null, () -> ledger.runEnded(run.id(),
                    before.outcome().name().toLowerCase(Locale.ROOT),
                    ledgerSummary(stats, before.workRemains())), err);
        }
        Path report = config.write().report();
        if (report != null) {
            Ended before = e;
            e = late(e, "the report " + (OutputFile.isStdout(report) ? "to standard output" : "file " + report),
                    () -> writeReport(before, stats, deadLetters, checkpoints), err);
        }
        return e;
    }

    private void writeReport(Ended ended, RunStats stats, DeadLetters deadLetters, Checkpoints checkpoints)
            throws IOException {
        SendConfig.Unattended un = config.unattended();
        double seconds = (System.nanoTime() - run.startedNanos()) / 1e9;
        RunReport.Facts facts = new RunReport.Facts(
                new RunReport.Run(run.id(), un.version(), un.command(), config.destination().name(),
                        config.send().dryRun()),
                new RunReport.Times(run.startedAt().toString(), Instant.now().toString(), seconds),
                new RunReport.Exit(outcomeWord(ended), ended.outcome().exitCode(), ended.cause()),
                checkpoints == null ? List.of() : checkpoints.snapshot(), stats, deadLetters.firstErrors());
        RunReport.write(config.write().report(), stdout, run.redactor(), facts);
    }

    private static String outcomeWord(Ended ended) {
        return ended.outcome().name().toLowerCase(Locale.ROOT) + (ended.workRemains() ? "-time-boxed" : "");
    }

    /**
     * The summary and note on stderr. Printed last, after every step that could still fail, so its exit code is
     * the one the process ends with.
     */
    void summarize(Ended ended, RunStats stats, DeadLetters deadLetters, PrintStream err) {
        boolean dryRun = config.send().dryRun();
        if (!config.write().quiet()) {
            long ms = (System.nanoTime() - run.startedNanos()) / 1_000_000;
            Summary.print(err, "cf-sync send --dest " + config.destination().name() + (dryRun ? " --dry-run" : ""),
                    stats, new Summary.Kind(dryRun ? "mapped" : "delivered", config.write().verbose()),
                    // On stdout they were seen already; replaying "-" would read stdin.
                    deadLetters.written() > 0 && !OutputFile.isStdout(deadLetters.path()) ? deadLetters.path() : null,
                    ms);
            if (dryRun) {
                Summary.estimate(err, stats, config.send().options().rate());
            }
            if (deadLetters.path() == null && deadLetters.written() > 0) {
                err.println("  dead letters:  not written by a dry-run; list the invalid events with 'cf-sync "
                        + "validate' on the same inputs, or add --dead-letter FILE to write them all");
            }
            Summary.printExit(err, ended.outcome().exitCode(), ended.cause());
        }
        // A time-boxed run's note tells of a planned end, which --quiet keeps to itself; an abort's is an error.
        if (ended.note() != null && !(config.write().quiet() && ended.workRemains())) {
            err.println(ended.note());
        }
    }

    /** The run's line in the ledger, which {@code cf-sync status} shows: counts grouped as in the summary. */
    static String ledgerSummary(RunStats stats, boolean workRemains) {
        return Plural.number(stats.delivered.sum()) + " delivered, " + Plural.number(stats.skipped.total())
                + " skipped, " + Plural.number(stats.deadLettered.total()) + " dead-lettered"
                + (workRemains ? ", stopped at --max-runtime" : "");
    }

    /** What a stopped run left pending, in the stop message's words. */
    static String pendingWords(RunStats stats, String firstPending) {
        long pending = stats.pending();
        return pending == 0 ? "every event read was settled"
                : Plural.count(pending, "event") + (pending == 1 ? " was" : " were") + " left pending ("
                        + Plural.number(stats.notAttempted.sum()) + " not attempted, "
                        + Plural.number(stats.interrupted.sum()) + " interrupted; the first at " + firstPending
                        + "): they are not in the dead-letter file";
    }

    /** The JDK's words for an I/O failure ("Bad file descriptor"), else the exception's own message. */
    private static String describe(Throwable e) {
        Throwable t = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Why the run stopped, how far it got, and what to do next. */
    private String stopMessage(RunControl.Stop stop, RunStats stats, String firstPending, boolean readAll) {
        String fix = switch (stop.reason()) {
            case CREDENTIALS -> "fix the credentials, then run the same command again";
            case VENDOR_DOWN -> "run the same command again once the vendor is back";
            case TLS -> "check --base-url and the machine's trust store, then run the same command again";
            case UNREACHABLE -> "check --base-url (and the region setting, the network or proxy) with 'cf-sync check "
                    + "--dest " + config.destination().name() + "' and the same settings, then run the same command "
                    + "again";
            default -> "run the same command again";
        };
        return "cf-sync: run aborted: " + run.redactor().redact(stop.message()) + ".\n"
                + "cf-sync: read " + Plural.count(stats.lines.sum(), "line")
                + (readAll ? " (all of the input)" : " (the rest of the input was not read)") + "; "
                + pendingWords(stats, firstPending) + ".\n"
                + "cf-sync: to continue, " + fix + (ledger != null ? "; the ledger skips events already delivered."
                        : "; without a ledger (--no-state) events already delivered will be sent again.");
    }
}
