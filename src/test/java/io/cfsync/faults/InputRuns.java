package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs of {@code cf-sync send} in their own JVM over inputs a case builds itself (a file with a huge line, a named
 * pipe, a folder of oddly named files), against a {@link FaultVendor} that answers every request (400 for the
 * events it rejects), and the checks the fault suite makes of them: every corpus event processed by the vendor
 * exactly once or dead-lettered, and what each run exited with and said in its summary. Not thread-safe.
 */
final class InputRuns implements AutoCloseable {
    private static final int RUN_SECONDS = 120;
    private static final Pattern MID = Pattern.compile("\"messageId\":\"([a-z]\\d{5})\"");

    /** One run: its exit code (-1: it did not end in time), its stderr, and what it did. */
    record Run(int exit, String stderr, int arrivals, int newDeadLetters) {
        /** The first line of its summary: {@code cf-sync send --dest customerio: N lines read, …}. */
        String summary() {
            return stderr.lines().filter(l -> l.startsWith("cf-sync send --dest")).findFirst()
                    .orElse("(no summary; stderr: " + tail() + ")");
        }

        String tail() {
            return stderr.substring(Math.max(0, stderr.length() - 800));
        }
    }

    /** Writes a run's input into something it reads (its stdin, a pipe), on a thread of its own. */
    @FunctionalInterface
    interface Feed {
        void write(OutputStream out) throws IOException;
    }

    final Corpus corpus;
    final Path work;
    private final FaultVendor vendor;
    private final Path dead;
    private int round;

    InputRuns(Path work, long seed, int events, int users) throws IOException {
        this.work = work;
        this.corpus = Corpus.generate(seed, events, users);
        this.vendor = new FaultVendor(corpus, FaultPlan.none(seed), Child.SITE, FaultRun.KEY);
        this.dead = work.resolve("dead.ndjson");
    }

    /** The corpus's lines from {@code from} (0-based) up to {@code to}, each with its line end. */
    String text(int from, int to) {
        StringBuilder b = new StringBuilder();
        corpus.lines().subList(from, to).forEach(l -> b.append(l.text()).append('\n'));
        return b.toString();
    }

    /** The send command over {@code inputs}, with {@code jvm} options (a heap limit) before the class path. */
    List<String> command(List<String> jvm, String... inputs) {
        List<String> c = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        c.addAll(jvm);
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cfsync.Main", "send", "--dest",
                "customerio", "--set", "siteId=" + Child.SITE, "--base-url", vendor.baseUrl(), "--progress", "none",
                "--rate", "unlimited", "--concurrency", "4", "--timeout", "3s", "--connect-timeout", "3s",
                "--max-retries", "8", "--give-up-after", "2s", "--state", work.resolve("ledger.db").toString(),
                "--dead-letter", dead.toString(), "--outcomes", work.resolve("outcomes.ndjson").toString()));
        c.addAll(List.of(inputs));
        return c;
    }

    /**
     * Runs {@code command} to its end. {@code stdin} (or null) is written to its standard input; {@code pipe} (or
     * null) is opened for writing and fed by {@code pipeFeed} while the run reads it.
     */
    Run run(List<String> command, Feed stdin, Path pipe, Feed pipeFeed) throws Exception {
        vendor.startRound(++round);
        int deadBefore = deadLetters().size();
        Path err = work.resolve("run-" + round + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        pb.environment().put("CF_SYNC_CUSTOMERIO_API_KEY", FaultRun.KEY);
        pb.environment().put("XDG_STATE_HOME", work.resolve("xdg-state").toString());
        pb.environment().put("XDG_CONFIG_HOME", work.resolve("xdg-config").toString());
        Process p = pb.start();
        Thread feeder = null;
        if (stdin != null) {
            feeder = feed(() -> p.getOutputStream(), stdin);
        } else if (pipe != null) {
            feeder = feed(() -> Files.newOutputStream(pipe), pipeFeed);
        }
        int exit = p.waitFor(RUN_SECONDS, TimeUnit.SECONDS) ? p.exitValue() : -1;
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        if (feeder != null) {
            if (pipe != null && feeder.isAlive()) {
                Files.newInputStream(pipe).close(); // a run that never opened the pipe leaves its writer waiting
            }
            feeder.join(TimeUnit.SECONDS.toMillis(30));
        }
        return new Run(exit, Files.readString(err, StandardCharsets.UTF_8), vendor.roundArrivals(),
                deadLetters().size() - deadBefore);
    }

    /** Opens what {@code opener} gives and writes {@code feed} into it; a reader that is gone ends the writing. */
    private static Thread feed(java.util.concurrent.Callable<OutputStream> opener, Feed feed) {
        Thread t = new Thread(() -> {
            try (OutputStream out = opener.call()) {
                feed.write(out);
            } catch (Exception e) {
                // The run ended (or failed) before reading everything: what it did is checked from its side.
            }
        }, "input-feed");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The dead-letter file's lines (none when it does not exist). */
    List<String> deadLetters() throws IOException {
        return Files.exists(dead) ? Files.readAllLines(dead, StandardCharsets.UTF_8) : List.of();
    }

    /**
     * Nothing lost: every event the vendor takes was processed exactly once (no answer was lost, so no copy is
     * excused), and every other corpus line (invalid, or rejected by the vendor) is in the dead-letter file
     * exactly once.
     */
    void assertNothingLost() throws IOException {
        assertNothingLost(true);
    }

    /**
     * As {@link #assertNothingLost()}; without {@code deadLetteredOnce} a line may be dead-lettered more than once
     * (an input read again whole, with no resume point).
     */
    void assertNothingLost(boolean deadLetteredOnce) throws IOException {
        Map<String, Integer> processed = new HashMap<>();
        for (FaultVendor.Arrival a : vendor.arrivals()) {
            if (a.answer().processed) {
                a.entities().forEach(e -> processed.merge(String.valueOf(e.mid()), 1, Integer::sum));
            }
        }
        List<String> dead = deadLetters();
        List<String> lost = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (Corpus.Line l : corpus.lines()) {
            String id = id(l);
            // Its id closes a JSON string in the entry (escaped when the entry holds the line as raw text).
            long n = l.deliverable() ? processed.getOrDefault(l.mid(), 0)
                    : dead.stream().filter(d -> d.contains(id + "\"") || d.contains(id + "\\\"")).count();
            if (n == 0) {
                lost.add(id + (l.deliverable() ? " never processed" : " not dead-lettered"));
            } else if (n > 1 && (l.deliverable() || deadLetteredOnce)) {
                twice.add(id + (l.deliverable() ? " processed " : " dead-lettered ") + n + " times");
            }
        }
        assertEquals(List.of(), lost, "nothing lost");
        assertEquals(List.of(), twice, "nothing processed or dead-lettered twice");
    }

    /** The id a corpus line's text carries, which its dead letter carries too. */
    private static String id(Corpus.Line l) {
        Matcher m = MID.matcher(l.text());
        assertTrue(m.find(), l.text());
        return m.group(1);
    }

    /**
     * Runs {@code command} until the vendor has seen {@code arrivals} requests of this round and {@code ready} holds,
     * then kills it with SIGKILL; a run that ends first is returned as it ended.
     */
    Run killedAfter(List<String> command, int arrivals, java.util.function.BooleanSupplier ready) throws Exception {
        vendor.startRound(++round);
        int deadBefore = deadLetters().size();
        Path err = work.resolve("run-" + round + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        pb.environment().put("CF_SYNC_CUSTOMERIO_API_KEY", FaultRun.KEY);
        pb.environment().put("XDG_STATE_HOME", work.resolve("xdg-state").toString());
        Process p = pb.start();
        for (int i = 0; i < RUN_SECONDS * 500 && p.isAlive() && (vendor.roundArrivals() < arrivals || !ready.getAsBoolean()); i++) {
            Thread.sleep(2);
        }
        p.destroyForcibly(); // SIGKILL: nothing is flushed, saved or said
        int exit = p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        return new Run(exit, Files.readString(err, StandardCharsets.UTF_8), vendor.roundArrivals(),
                deadLetters().size() - deadBefore);
    }

    /**
     * Nothing lost after runs of which round {@code killed} was killed: every event the vendor takes was processed,
     * and more than once only when its first copy was processed by the killed run (whose answers went unrecorded);
     * every other corpus line is in the dead-letter file.
     */
    void assertNothingLostAfterKill(int killed) throws IOException {
        Map<String, List<Integer>> rounds = new HashMap<>();
        for (FaultVendor.Arrival a : vendor.arrivals()) {
            if (a.answer().processed) {
                a.entities().forEach(e -> rounds.computeIfAbsent(String.valueOf(e.mid()), k -> new ArrayList<>())
                        .add(a.round()));
            }
        }
        List<String> dead = deadLetters();
        List<String> lost = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (Corpus.Line l : corpus.lines()) {
            String id = id(l);
            List<Integer> seen = l.deliverable() ? rounds.getOrDefault(l.mid(), List.of()) : List.of();
            boolean deadLettered = dead.stream().anyMatch(d -> d.contains(id + "\"") || d.contains(id + "\\\""));
            if (l.deliverable() ? seen.isEmpty() : !deadLettered) {
                lost.add(id + (l.deliverable() ? " never processed" : " not dead-lettered"));
            } else if (seen.size() > 1 && seen.get(0) != killed) {
                twice.add(id + " processed in rounds " + seen + " though no answer of its first copy was lost");
            }
        }
        assertEquals(List.of(), lost, "nothing lost");
        assertEquals(List.of(), twice, "copies only of events whose answer the kill lost");
    }

    @Override
    public void close() throws IOException {
        vendor.close();
    }
}
