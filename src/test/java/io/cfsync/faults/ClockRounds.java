package io.cfsync.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The runs of a clock case: one corpus, one vendor, one command, each run started with its own environment (a
 * faked wall clock, another host name) and stopped or not, then the same command run plainly until done, for
 * {@link Invariants#check}. Not thread-safe.
 */
final class ClockRounds implements AutoCloseable {
    static final int ROUND_SECONDS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Scenario sc;
    final Path work;
    final Corpus corpus;
    final FaultVendor vendor;
    final Child.RunFiles files;
    private final List<FaultRun.Round> rounds = new ArrayList<>();

    ClockRounds(Scenario sc, Path work) throws IOException {
        this.sc = sc;
        this.work = work;
        this.corpus = Corpus.generate(sc.seed(), sc.events(), sc.users());
        Path input = work.resolve("in.ndjson");
        Files.write(input, corpus.lines().stream().map(Corpus.Line::text).toList(), StandardCharsets.UTF_8);
        this.vendor = new FaultVendor(corpus, sc.plan(), Child.SITE, FaultRun.KEY);
        this.files = new Child.RunFiles(input, work.resolve("ledger.db"), work.resolve("dead.ndjson"),
                work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
    }

    /** The case's command, with {@code extra} options before the input. */
    List<String> command(String... extra) {
        List<String> c = new ArrayList<>(Child.command(sc, vendor.baseUrl(), files));
        c.addAll(c.size() - 1, List.of(extra));
        return c;
    }

    /** Starts run number {@link #next()} of {@code command} with {@code env}; its stderr goes to round-N.err. */
    Child start(List<String> command, Map<String, String> env) throws IOException {
        int r = next();
        vendor.startRound(r);
        Files.deleteIfExists(files.report());
        return Child.start(command, FaultRun.KEY, files, err(r), env);
    }

    int next() {
        return rounds.size() + 1;
    }

    Path err(int round) {
        return work.resolve("round-" + round + ".err");
    }

    /** Waits for the run started last and books it; {@code stopped}: the case stopped it (a signal, kill -9). */
    FaultRun.Round finish(Child child, boolean stopped, int deadBefore) throws Exception {
        int r = next();
        int exit;
        try {
            exit = child.await(ROUND_SECONDS);
        } finally {
            child.kill();
        }
        boolean timeBoxed = Files.exists(files.report())
                && JSON.readTree(files.report().toFile()).path("outcome").asText().endsWith("-time-boxed");
        FaultRun.Round round = new FaultRun.Round(r, stopped, exit, timeBoxed, vendor.roundArrivals(),
                deadLines() - deadBefore, stderr(r));
        rounds.add(round);
        return round;
    }

    /** Runs {@code command} plainly until a run ends with 0 or 1 and nothing left, then once more. */
    FaultRun.Result untilDone(List<String> command) throws Exception {
        boolean done = false;
        while (!done && rounds.size() < FaultRun.MAX_ROUNDS) {
            int dead = deadLines();
            FaultRun.Round r = finish(start(command, Map.of()), false, dead);
            done = (r.exit() == 0 || r.exit() == 1) && !r.timeBoxed();
        }
        FaultRun.Round again = null;
        if (done) {
            int dead = deadLines();
            again = finish(start(command, Map.of()), false, dead);
            rounds.remove(rounds.size() - 1);
        }
        List<String> dead = Files.exists(files.deadLetter())
                ? Files.readAllLines(files.deadLetter(), StandardCharsets.UTF_8) : List.of();
        return new FaultRun.Result(sc, corpus, List.copyOf(rounds), done, again, dead, vendor.arrivals(),
                vendor.overflowed(), vendor.drops(), null);
    }

    int deadLines() throws IOException {
        return Files.exists(files.deadLetter())
                ? Files.readAllLines(files.deadLetter(), StandardCharsets.UTF_8).size() : 0;
    }

    String stderr(int round) throws IOException {
        return Files.exists(err(round)) ? Files.readString(err(round), StandardCharsets.UTF_8) : "";
    }

    /** Waits (bounded) until {@code condition} holds; false when it did not within {@link #ROUND_SECONDS}. */
    static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ROUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        vendor.close();
    }
}
