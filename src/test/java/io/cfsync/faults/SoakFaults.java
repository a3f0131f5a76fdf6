package io.cfsync.faults;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentest4j.TestAbortedException;

/**
 * The longer soak: every stop kind, v1 and v2, with more events and more stopped runs than the CI suite, printing
 * per case the runs, stops, events, lost events, duplicates and why they were allowed, order violations and exit
 * codes, then every broken invariant. {@code java ... io.cfsync.faults.SoakFaults [STOPS] [EVENTS] [SEED]}; exit
 * status 1 when any invariant broke. Run by {@code scripts/soak-faults}.
 */
public final class SoakFaults {
    private SoakFaults() {
    }

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
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20241;
        System.out.printf(Locale.ROOT, "cf-sync fault soak: %d stopped runs per signal case, %d events per case, "
                + "seed %d%n", stops, events, seed);
        System.out.printf(Locale.ROOT, "%-28s %5s %5s %6s %5s %11s %8s %6s %6s %5s  %s%n", "case", "runs", "stops",
                "events", "lost", "dup(events)", "lost-rsp", "killed", "order", "cross", "exits");
        List<Verdict> failed = new ArrayList<>();
        for (Scenario sc : cases(stops, events, seed)) {
            Path work = Files.createTempDirectory("cf-sync-soak");
            try {
                Verdict v = Invariants.check(FaultRun.execute(sc, work));
                System.out.printf(Locale.ROOT, "%-28s %5d %5d %6d %5d %11d %8d %6d %6d %5d  %s%n", v.label(),
                        v.figure("runs"), v.figure("stops"), v.figure("lines"), v.figure("lost"),
                        v.figure("duplicatedEvents"), v.figure("duplicatesAfterLostResponse"),
                        v.figure("duplicatesAfterKill"), v.figure("orderViolations"),
                        v.figure("crossIdentityViolations"), v.exits());
                if (!v.ok()) {
                    failed.add(v);
                }
            } catch (TestAbortedException skipped) {
                System.out.printf(Locale.ROOT, "%-28s skipped: %s%n", sc.label(), skipped.getMessage());
            } finally {
                delete(work);
            }
        }
        System.out.println();
        System.out.println("dup(events): events the vendor processed more than once; lost-rsp: extra copies allowed "
                + "because an earlier copy's response was lost (reset or hang); killed: extra copies allowed because "
                + "an earlier copy was in flight at a kill -9; order/cross: per-user and cross-identity order "
                + "violations; exits: each run's exit code (stopped runs marked), then the extra run's");
        for (Verdict v : failed) {
            System.out.println(v.failures());
        }
        System.out.println(failed.isEmpty() ? "all invariants held" : failed.size() + " case(s) broke invariants");
        System.exit(failed.isEmpty() ? 0 : 1);
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
