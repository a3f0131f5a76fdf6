package io.cfsync.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Drives one case: writes the corpus, starts the fault vendor, runs the same {@code cf-sync send} command again
 * and again (stopping the first runs the case's way, at moments drawn from its seed) until a run that was not
 * stopped ends with 0 or 1 and no work left, then once more to see that nothing is sent twice, and replays the
 * dead-letter file with {@code --dry-run}. Returns everything the invariants need. Not thread-safe.
 */
final class FaultRun {
    static final int MAX_ROUNDS = 12;
    static final String KEY = "key-one";
    static final String NEW_KEY = "key-two";
    private static final int ROUND_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: whether a stop landed while it was running, its exit code, and whether it was time-boxed. */
    record Round(int number, boolean stopped, int exit, boolean timeBoxed, int arrivals, int deadLettered,
                 String stderrTail) {
    }

    /** What a case left behind. */
    record Result(Scenario scenario, Corpus corpus, List<Round> rounds, boolean done, Round again,
                  List<String> deadLetters, List<FaultVendor.Arrival> arrivals, boolean overflow, int drops,
                  Cli.Result replay) {
    }

    private final Scenario sc;
    private final Path work;
    private final Random rnd;

    private FaultRun(Scenario sc, Path work) {
        this.sc = sc;
        this.work = work;
        this.rnd = new Random(sc.seed() * 31 + sc.stop().ordinal());
    }

    /** Runs {@code sc} in {@code work}; a disk-full case is skipped (an assumption) where tmpfs cannot be mounted. */
    static Result execute(Scenario sc, Path work) throws Exception {
        return new FaultRun(sc, work).execute();
    }

    private Result execute() throws Exception {
        Corpus corpus = Corpus.generate(sc.seed(), sc.events(), sc.users());
        Path input = work.resolve("in.ndjson");
        Files.write(input, corpus.lines().stream().map(Corpus.Line::text).toList(), StandardCharsets.UTF_8);
        Tmpfs disk = null;
        if (sc.stop().diskFull()) {
            String[] why = new String[1];
            disk = Tmpfs.mount(work.resolve("disk"), 2048, why);
            Assumptions.assumeTrue(disk != null, () -> "disk-full case skipped: " + why[0]);
        }
        try (FaultVendor vendor = new FaultVendor(corpus, sc.plan(), Child.SITE, KEY)) {
            Path ledgerDir = sc.stop() == Scenario.Stop.LEDGER_DISK_FULL ? disk.dir() : work;
            Path deadDir = sc.stop() == Scenario.Stop.DEAD_LETTER_DISK_FULL ? disk.dir() : work;
            Child.RunFiles f = new Child.RunFiles(input, ledgerDir.resolve("ledger.db"), deadDir.resolve("dead.ndjson"),
                    work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
            List<String> command = Child.command(sc, vendor.baseUrl(), f);
            List<Round> rounds = new ArrayList<>();
            boolean done = false;
            String key = KEY;
            int stopsLeft = sc.stops();
            for (int r = 1; r <= MAX_ROUNDS && !done; r++) {
                Round round = round(r, vendor, corpus, command, f, key, disk, stopsLeft > 0);
                rounds.add(round);
                if (round.stopped()) {
                    stopsLeft--;
                    if (sc.stop() == Scenario.Stop.UNAUTHORIZED) {
                        key = NEW_KEY; // the key is fixed for the runs after the 401
                    }
                }
                done = !round.stopped() && (round.exit() == 0 || round.exit() == 1) && !round.timeBoxed();
            }
            Round again = done ? round(rounds.size() + 1, vendor, corpus, command, f, key, null, false) : null;
            List<String> dead = Files.exists(f.deadLetter()) ? lines(f.deadLetter()) : List.of();
            Cli.Result replay = Files.exists(f.deadLetter()) ? Cli.run(new byte[0], Map.of(), "send", "--dest",
                    "customerio", "--dry-run", "--dead-letter", work.resolve("replay-dead.ndjson").toString(),
                    f.deadLetter().toString()) : null;
            return new Result(sc, corpus, rounds, done, again, dead, vendor.arrivals(), vendor.overflowed(),
                    vendor.drops(), replay);
        } finally {
            if (disk != null) {
                disk.close();
            }
        }
    }

    /** One run; {@code stopIt}: stop it the case's way (only the first runs of a case are stopped). */
    private Round round(int r, FaultVendor vendor, Corpus corpus, List<String> command, Child.RunFiles f, String key,
                        Tmpfs disk, boolean stopIt) throws Exception {
        vendor.startRound(r);
        Files.deleteIfExists(f.report());
        Scenario.Stop how = stopIt ? sc.stop() : Scenario.Stop.NONE;
        int requests = requestsLeft(vendor, corpus);
        int at = 1 + rnd.nextInt(Math.max(1, requests * 2 / 5));
        switch (how) {
            case UNAUTHORIZED -> vendor.revokeAfter(at, Child.SITE, NEW_KEY);
            case OUTAGE -> vendor.outageAfter(at);
            case DEAD_LETTER_DISK_FULL -> disk.fill();
            default -> { }
        }
        int deadBefore = lineCount(f.deadLetter());
        Path err = work.resolve("round-" + r + ".err");
        Child child = Child.start(command, key, f, err);
        boolean stopped = how != Scenario.Stop.NONE && how != Scenario.Stop.MAX_RUNTIME;
        int exit;
        try {
            if (how.signal()) {
                stopped = requests >= 3 && waitUntil(() -> vendor.roundArrivals() >= at || !child.alive())
                        && child.stop(how);
            } else if (how == Scenario.Stop.LEDGER_DISK_FULL) {
                // Mid-run, once the ledger is in use: every commit appends to its write-ahead log, so the next fails.
                waitUntil(() -> vendor.roundArrivals() >= at || !child.alive());
                disk.fill();
            }
            exit = child.await(ROUND_SECONDS);
        } finally {
            child.kill();
        }
        if (how == Scenario.Stop.OUTAGE) {
            vendor.endOutage();
        } else if (how.diskFull()) {
            disk.release();
        }
        boolean timeBoxed = Files.exists(f.report())
                && JSON.readTree(f.report().toFile()).path("outcome").asText().endsWith("-time-boxed");
        String text = Files.readString(err, StandardCharsets.UTF_8);
        return new Round(r, stopped, exit, timeBoxed, vendor.roundArrivals(), lineCount(f.deadLetter()) - deadBefore,
                text.substring(Math.max(0, text.length() - 1500)));
    }

    /** About how many requests the events the vendor has not processed yet need. */
    private int requestsLeft(FaultVendor vendor, Corpus corpus) {
        Set<String> processed = new HashSet<>();
        for (FaultVendor.Arrival a : vendor.arrivals()) {
            if (a.answer().processed) {
                a.entities().forEach(e -> processed.add(e.mid()));
            }
        }
        long left = corpus.lines().stream().filter(l -> l.deliverable() && !processed.contains(l.mid())).count();
        return (int) (sc.v2() ? (left + sc.batchSize() - 1) / sc.batchSize() : left);
    }

    private static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ROUND_SECONDS * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    static int lineCount(Path p) throws IOException {
        return Files.exists(p) ? lines(p).size() : 0;
    }

    /** The file's lines, a last one without its newline included (a torn write shows up as such). */
    static List<String> lines(Path p) throws IOException {
        String s = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
