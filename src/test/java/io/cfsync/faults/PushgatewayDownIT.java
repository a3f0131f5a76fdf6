package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pushgateway fails for the whole of a run, against a vendor with the suite's seeded transient faults: refusing
 * connections (down), or taking them and never answering (hung). The runs' outcomes are those of runs without
 * metrics: nothing lost, duplicates only for lost answers, the usual exit code and summary line, and the trouble
 * said in one note (a hung one adds at most one more, at the end).
 */
@DisabledOnOs(OS.WINDOWS)
class PushgatewayDownIT {
    private static final int ROUND_SECONDS = 120;

    @TempDir
    Path work;

    /** Takes connections and never answers; holds them until closed. */
    private static final class HungGateway implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0);
        final List<Socket> held = new CopyOnWriteArrayList<>();

        HungGateway() throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "hung-pushgateway");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    @Timeout(300)
    void aPushgatewayRefusingConnectionsChangesNoOutcome() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<String> notes = holds("http://127.0.0.1:" + closed, 61);
        assertEquals(1, notes.size(), "one note for the whole run: " + notes);
    }

    @Test
    @Timeout(300)
    void aPushgatewayThatNeverAnswersChangesNoOutcome() throws Exception {
        try (HungGateway gw = new HungGateway()) {
            List<String> notes = holds(gw.url(), 62);
            assertTrue(notes.size() >= 1 && notes.size() <= 2, "a note, and one more at most at the end: " + notes);
            assertTrue(gw.held.size() > 0, "the run tried to push");
        }
    }

    /**
     * Runs the seeded case until its work is done, every run pushing to {@code gateway}; checks the suite's
     * invariants and returns the first run's notes about the Pushgateway.
     */
    private List<String> holds(String gateway, long seed) throws Exception {
        Scenario sc = new Scenario(Scenario.Stop.NONE, false, 60, 6, 4, 20, 0, seed, FaultPlan.mixed(seed, 0));
        Corpus corpus = Corpus.generate(sc.seed(), sc.events(), sc.users());
        Path input = work.resolve("in.ndjson");
        Files.write(input, corpus.lines().stream().map(Corpus.Line::text).toList(), StandardCharsets.UTF_8);
        Child.RunFiles f = new Child.RunFiles(input, work.resolve("ledger.db"), work.resolve("dead.ndjson"),
                work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
        try (FaultVendor vendor = new FaultVendor(corpus, sc.plan(), Child.SITE, FaultRun.KEY)) {
            List<String> command = new ArrayList<>(Child.command(sc, vendor.baseUrl(), f));
            command.addAll(command.size() - 1, List.of("--pushgateway", gateway, "--progress-interval", "1s"));
            List<FaultRun.Round> rounds = new ArrayList<>();
            boolean done = false;
            for (int r = 1; r <= FaultRun.MAX_ROUNDS && !done; r++) {
                FaultRun.Round round = round(r, vendor, command, f);
                rounds.add(round);
                done = round.exit() == 0 || round.exit() == 1;
            }
            FaultRun.Round again = done ? round(rounds.size() + 1, vendor, command, f) : null;
            List<String> dead = Files.exists(f.deadLetter()) ? Files.readAllLines(f.deadLetter()) : List.of();
            FaultRun.Result result = new FaultRun.Result(sc, corpus, rounds, done, again, dead, vendor.arrivals(),
                    vendor.overflowed(), vendor.drops(), null);
            FaultRun.Round first = rounds.get(0);
            assertNotEquals(-1, first.exit(), "the run did not end by itself: " + first.stderrTail());
            assertEquals(first.deadLettered() > 0 ? 1 : 0, first.exit(), first.stderrTail());
            assertTrue(first.stderrTail().contains("cf-sync send --dest customerio: "), first.stderrTail());
            assertTrue(first.stderrTail().contains("exit code:     " + first.exit()), first.stderrTail());
            Verdict v = Invariants.check(result);
            assertTrue(v.ok(), v::failures);
            return Files.readAllLines(work.resolve("round-1.err")).stream().filter(l -> l.contains("Pushgateway"))
                    .toList();
        }
    }

    private FaultRun.Round round(int r, FaultVendor vendor, List<String> command, Child.RunFiles f)
            throws Exception {
        vendor.startRound(r);
        Files.deleteIfExists(f.report());
        int deadBefore = FaultRun.lineCount(f.deadLetter());
        Path err = work.resolve("round-" + r + ".err");
        Child child = Child.start(command, FaultRun.KEY, f, err);
        int exit;
        try {
            exit = child.await(ROUND_SECONDS);
        } finally {
            child.kill();
        }
        String text = Files.readString(err, StandardCharsets.UTF_8);
        return new FaultRun.Round(r, false, exit, false, vendor.roundArrivals(),
                FaultRun.lineCount(f.deadLetter()) - deadBefore, text.substring(Math.max(0, text.length() - 1500)));
    }
}
