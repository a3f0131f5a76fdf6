package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The longer soak: every stop kind, v1 and v2, with more events and more stopped runs than the CI suite, printing
 * per case the runs, stops, events, lost events, duplicates and why they were allowed, order violations and exit
 * codes, then every broken invariant. Not an {@code *IT}: the build never runs it; {@code scripts/soak-faults}
 * does, through failsafe with {@code -Dsoak.stops}, {@code -Dsoak.events} and {@code -Dsoak.seed}; with the test
 * class path at hand, {@code java ... io.cfsync.faults.SoakFaults [STOPS] [EVENTS] [SEED]} works too.
 */
public final class SoakFaults {

    /** Every case of the soak, {@code stops} stopped runs each (where the stop repeats) over {@code events}. */
    static List<Scenario> cases(int stops, int events, long seed) {
        List<Scenario> out = new ArrayList<>();
        int i = 0;
        for (Scenario.Stop stop : Scenario.Stop.values()) {
            for (boolean v2 : new boolean[] {false, true}) {
                int concurrency = (i++ % 3 == 2) ? 16 : 4;
                Scenario s = Scenario.of(stop, v2, concurrency, seed + i).sized(events, Math.max(10, events / 20));
                out.add(stop.signal() ? s.withStops(stops) : s);
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int stops = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20241;
        System.exit(soak(stops, events, seed, System.out) ? 0 : 1);
    }

    /** The entry point {@code scripts/soak-faults} uses (through failsafe, for the test class path). */
    @Test
    void soak() throws Exception {
        Path report = Paths.get(System.getProperty("soak.report", "target/soak-faults.txt"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(report), true, StandardCharsets.UTF_8)) {
            boolean ok = soak(Integer.getInteger("soak.stops", 3), Integer.getInteger("soak.events", 300),
                    Long.getLong("soak.seed", 20241L), out);
            assertTrue(ok, "invariants broke: see " + report);
        }
    }

    /** Runs every case, printing a row each as it ends and then the broken invariants; true when none broke. */
    static boolean soak(int stops, int events, long seed, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "cf-sync fault soak: %d stopped runs per signal case, %d events per case, seed %d%n",
                stops, events, seed);
        out.printf(Locale.ROOT, "%-28s %5s %5s %6s %5s %11s %8s %6s %6s %5s  %s%n", "case", "runs", "stops",
                "events", "lost", "dup(events)", "lost-rsp", "killed", "order", "cross", "exits");
        List<Verdict> failed = new ArrayList<>();
        for (Scenario sc : cases(stops, events, seed)) {
            Path work = Files.createTempDirectory("cf-sync-soak");
            try {
                Verdict v = Invariants.check(FaultRun.execute(sc, work));
                out.printf(Locale.ROOT, "%-28s %5d %5d %6d %5d %11d %8d %6d %6d %5d  %s%n", v.label(),
                        v.figure("runs"), v.figure("stops"), v.figure("lines"), v.figure("lost"),
                        v.figure("duplicatedEvents"), v.figure("duplicatesAfterLostResponse"),
                        v.figure("duplicatesAfterKill"), v.figure("orderViolations"),
                        v.figure("crossIdentityViolations"), v.exits());
                if (!v.ok()) {
                    failed.add(v);
                }
            } catch (TestAbortedException skipped) {
                out.printf(Locale.ROOT, "%-28s skipped: %s%n", sc.label(), skipped.getMessage());
            } finally {
                delete(work);
            }
        }
        out.println();
        out.println("dup(events): events the vendor processed more than once; lost-rsp: extra copies allowed because "
                + "an earlier copy's response was lost (reset or hang); killed: extra copies allowed because an "
                + "earlier copy was in flight at a kill -9 or a full ledger disk; order/cross: per-user and "
                + "cross-identity order violations; exits: each run's exit code (stopped runs marked), then the extra "
                + "run's");
        for (Verdict v : failed) {
            out.println(v.failures());
        }
        out.println(failed.isEmpty() ? "all invariants held" : failed.size() + " case(s) broke invariants");
        return failed.isEmpty();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
