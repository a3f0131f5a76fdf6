package io.cfsync.faults;

import io.cfsync.testkit.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a case whose fault is a vendor mode rather than a stop the driver makes: answers no one can read, a
 * brief outage, a port that refuses connections. Like {@link FaultRun}, it runs the same {@code cf-sync send}
 * again until a run ends with 0 or 1, then once more, and replays the dead-letter file, so {@link Invariants}
 * judge the result; here the command can speak to any of Customer.io's three APIs, with options of the case's
 * own (e.g. fewer retries, so a brief outage would use them up). A run that exits 3 counts as stopped. Not
 * thread-safe.
 */
final class VendorModeRun {
    private static final int ROUND_SECONDS = 120;

    /** Which Customer.io API the runs use. */
    enum Api {
        TRACK, TRACK_V2, PIPELINES
    }

    /** What the vendor does around one run. */
    interface Mode {
        void before(int round, FaultVendor vendor) throws IOException;

        default void after(int round, FaultVendor vendor) throws IOException {
        }
    }

    private VendorModeRun() {
    }

    /** Every batch answer that rejects an event is garbled as {@code garble} ({@code GARBLED_207} or {@code _200}). */
    static Mode garbled(FaultPlan.Answer garble) {
        return (round, vendor) -> vendor.garbleBatchesWithRejects(garble, 1);
    }

    /**
     * Three 503s in a row during the first run, from the third request on: with {@code --max-retries 1} and one
     * request at a time they use up an event's tries while the vendor serves no one.
     */
    static Mode briefOutage() {
        return (round, vendor) -> {
            if (round == 1) {
                vendor.briefOutage(3, 3);
            }
        };
    }

    /** The vendor's port refuses every connection during the first run and is open again for the next. */
    static Mode refusedFirstRun() {
        return new Mode() {
            @Override
            public void before(int round, FaultVendor vendor) throws IOException {
                if (round == 1) {
                    vendor.refuse();
                }
            }

            @Override
            public void after(int round, FaultVendor vendor) throws IOException {
                if (round == 1) {
                    vendor.reopen();
                }
            }
        };
    }

    /**
     * Runs {@code sc}'s corpus with the vendor's faults from {@code mode}.
     *
     * @param options option → value, replacing the suite's usual values (e.g. {@code --max-retries})
     */
    static FaultRun.Result execute(Scenario sc, Api api, Map<String, String> options, Mode mode, Path work)
            throws Exception {
        Corpus corpus = Corpus.generate(sc.seed(), sc.events(), sc.users());
        Path input = work.resolve("in.ndjson");
        Files.write(input, corpus.lines().stream().map(Corpus.Line::text).toList(), StandardCharsets.UTF_8);
        boolean pipelines = api == Api.PIPELINES;
        try (FaultVendor vendor = pipelines ? new FaultVendor(corpus, sc.plan(), FaultRun.KEY, "")
                : new FaultVendor(corpus, sc.plan(), Child.SITE, FaultRun.KEY)) {
            Child.RunFiles f = new Child.RunFiles(input, work.resolve("ledger.db"), work.resolve("dead.ndjson"),
                    work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
            List<String> command = command(sc, api, vendor.baseUrl(), f, options);
            Map<String, String> env = Map.of(pipelines ? "CF_SYNC_CUSTOMERIO_PIPELINES_API_KEY"
                    : "CF_SYNC_CUSTOMERIO_API_KEY", FaultRun.KEY);
            List<FaultRun.Round> rounds = new ArrayList<>();
            boolean done = false;
            for (int r = 1; r <= FaultRun.MAX_ROUNDS && !done; r++) {
                FaultRun.Round round = round(r, vendor, command, env, f, mode, work);
                rounds.add(round);
                done = !round.stopped() && (round.exit() == 0 || round.exit() == 1);
            }
            FaultRun.Round again = done ? round(rounds.size() + 1, vendor, command, env, f, null, work) : null;
            List<String> dead = Files.exists(f.deadLetter()) ? FaultRun.lines(f.deadLetter()) : List.of();
            Cli.Result replay = Files.exists(f.deadLetter()) ? Cli.run(new byte[0], Map.of(), "send", "--dest",
                    "customerio", "--dry-run", "--dead-letter", work.resolve("replay-dead.ndjson").toString(),
                    f.deadLetter().toString()) : null;
            return new FaultRun.Result(sc, corpus, rounds, done, again, dead, vendor.arrivals(), vendor.overflowed(),
                    vendor.drops(), replay);
        }
    }

    private static List<String> command(Scenario sc, Api api, String baseUrl, Child.RunFiles f,
                                        Map<String, String> options) {
        List<String> c = new ArrayList<>(Child.command(sc, baseUrl, f));
        options.forEach((option, value) -> {
            int i = c.indexOf(option);
            if (i >= 0) {
                c.set(i + 1, value);
            } else {
                c.addAll(c.size() - 1, List.of(option, value));
            }
        });
        if (api != Api.TRACK) {
            int site = c.indexOf("siteId=" + Child.SITE);
            List<String> set = api == Api.PIPELINES ? List.of("api=pipelines")
                    : List.of("siteId=" + Child.SITE, "--set", "api=track-v2");
            c.remove(site);
            c.addAll(site, set);
            if (!sc.v2()) {
                c.addAll(c.size() - 1, List.of("--batch-size", String.valueOf(sc.batchSize())));
            }
        }
        return c;
    }

    private static FaultRun.Round round(int r, FaultVendor vendor, List<String> command, Map<String, String> env,
                                        Child.RunFiles f, Mode mode, Path work) throws Exception {
        vendor.startRound(r);
        if (mode != null) {
            mode.before(r, vendor);
        }
        int deadBefore = FaultRun.lineCount(f.deadLetter());
        Path err = work.resolve("round-" + r + ".err");
        Child child = Child.start(command, env, f, err);
        int exit;
        try {
            exit = child.await(ROUND_SECONDS);
        } finally {
            child.kill();
            if (mode != null) {
                mode.after(r, vendor);
            }
        }
        String text = Files.readString(err, StandardCharsets.UTF_8);
        return new FaultRun.Round(r, exit == 3, exit, false, vendor.roundArrivals(),
                FaultRun.lineCount(f.deadLetter()) - deadBefore, text.substring(Math.max(0, text.length() - 1500)));
    }
}
