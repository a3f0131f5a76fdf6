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
 * The longer soak: every stop kind, v1 and v2, then the vendor-manner cases ({@link #vendorCases}), with more events
 * and more stopped runs than the CI suite, printing
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

    /** A case whose fault is the vendor's manner rather than a stop the driver makes. */
    record VendorCase(String label, Run run) {
        interface Run {
            FaultRun.Result execute(Path work) throws Exception;
        }
    }

    /**
     * The vendor-manner cases: answers that name no rejected event (207 and 200, v2 and Pipelines), an outage
     * shorter than {@code --give-up-after}, a port that refuses every connection (all three APIs), and answers
     * trickled a byte a second (body, status line) under {@code --max-runtime} and SIGTERM.
     */
    static List<VendorCase> vendorCases(int events, long seed) {
        List<VendorCase> out = new ArrayList<>();
        int users = Math.max(10, events / 20);
        long[] s = {seed + 100};
        java.util.function.IntFunction<Scenario> none = c -> Scenario.of(Scenario.Stop.NONE, false, c, ++s[0])
                .sized(events, users).withPlan(FaultPlan.none(s[0]));
        for (VendorModeRun.Api api : List.of(VendorModeRun.Api.TRACK_V2, VendorModeRun.Api.PIPELINES)) {
            for (FaultPlan.Answer g : List.of(FaultPlan.Answer.GARBLED_207, FaultPlan.Answer.GARBLED_200)) {
                Scenario sc = none.apply(4);
                out.add(new VendorCase(name(g) + " " + name(api), w -> VendorModeRun.execute(sc, api,
                        java.util.Map.of("--max-retries", "2"), VendorModeRun.garbled(g), w)));
            }
        }
        for (VendorModeRun.Api api : VendorModeRun.Api.values()) {
            Scenario sc = none.apply(1);
            out.add(new VendorCase("brief-outage " + name(api), w -> VendorModeRun.execute(sc, api,
                    VendorAnswersIT.BRIEF_OUTAGE_OPTIONS, VendorModeRun.briefOutage(), w)));
        }
        for (VendorModeRun.Api api : VendorModeRun.Api.values()) {
            Scenario sc = none.apply(8);
            out.add(new VendorCase("refused-port " + name(api), w -> VendorModeRun.execute(sc, api,
                    java.util.Map.of("--give-up-after", "5m"), VendorModeRun.refusedFirstRun(), w)));
        }
        int slowEvents = Math.min(events, 60);
        for (SlowLorisVendor.Mode m : List.of(SlowLorisVendor.Mode.SLOW_BODY, SlowLorisVendor.Mode.SLOW_HEADERS)) {
            Scenario sc = new Scenario(Scenario.Stop.NONE, false, slowEvents, 10, 4, 20, 1, ++s[0],
                    FaultPlan.none(s[0]));
            out.add(new VendorCase(name(m) + " max-runtime", w -> SlowVendorIT.execute(sc, m, "2s", "10s", w)));
        }
        Scenario term = new Scenario(Scenario.Stop.SIGTERM, false, slowEvents, 10, 4, 20, 1, ++s[0],
                FaultPlan.none(s[0]));
        out.add(new VendorCase("slow-body sigterm", w -> SlowVendorIT.execute(term, SlowLorisVendor.Mode.SLOW_BODY,
                "10m", null, w)));
        return out;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
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
        List<VendorCase> all = new ArrayList<>();
        for (Scenario sc : cases(stops, events, seed)) {
            all.add(new VendorCase(sc.label(), w -> FaultRun.execute(sc, w)));
        }
        all.addAll(vendorCases(events, seed));
        for (VendorCase c : all) {
            Path work = Files.createTempDirectory("cf-sync-soak");
            try {
                Verdict v = Invariants.check(c.run().execute(work));
                out.printf(Locale.ROOT, "%-28s %5d %5d %6d %5d %11d %8d %6d %6d %5d  %s%n", c.label(),
                        v.figure("runs"), v.figure("stops"), v.figure("lines"), v.figure("lost"),
                        v.figure("duplicatedEvents"), v.figure("duplicatesAfterLostResponse"),
                        v.figure("duplicatesAfterKill"), v.figure("orderViolations"),
                        v.figure("crossIdentityViolations"), v.exits());
                if (!v.ok()) {
                    failed.add(v);
                }
            } catch (TestAbortedException skipped) {
                out.printf(Locale.ROOT, "%-28s skipped: %s%n", c.label(), skipped.getMessage());
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
