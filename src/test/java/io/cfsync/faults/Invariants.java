package io.cfsync.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * cf-sync's promise, checked after a case's last run: every input line ends delivered, deliberately skipped or
 * dead-lettered, and running the same command again sends exactly what is missing.
 * <ul>
 *   <li><b>Nothing lost</b>: every event the vendor would take was processed by it at least once (a request whose
 *       response was lost counts: the vendor got it); every event it rejects (400) and every invalid line is in
 *       the dead-letter file with a permanent reason; no event is both processed and dead-lettered.</li>
 *   <li><b>Duplicates only where allowed</b>: each extra copy of an event follows a copy whose response was lost,
 *       or that was processed during a run killed with -9 or whose ledger disk was full (nothing could record
 *       it); the latter are at most the events in flight per such run.</li>
 *   <li><b>Order and ids</b>: see {@link OrderCheck}.</li>
 *   <li><b>Exit codes</b>: a stopped run exits 3; any other run (time-boxed ones included) exits 1 when it
 *       dead-lettered events, else 0 (a time-boxed run that dead-lettered may say 0 as well); the work is done
 *       within {@link FaultRun#MAX_ROUNDS} runs, and one more run
 *       sends nothing, dead-letters nothing and exits 0.</li>
 *   <li><b>Dead letters replay</b>: the file is NDJSON, and {@code --dry-run} maps its rejected events again.</li>
 * </ul>
 * Stateless.
 */
final class Invariants {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reasons that are not a verdict on the event: the run or the vendor was the trouble. */
    private static final Set<String> NOT_PERMANENT = Set.of("aborted", "retries-exhausted", "max-event-time",
            "http-401", "http-403", "http-429", "http-503", "connection-error", "timeout", "internal-error",
            "not-attempted", "unreadable-response");

    /** How a rejected event may be dead-lettered: its own 400, or named by a readable 207. */
    private static final Set<String> REJECTIONS = Set.of("http-400", "vendor-rejected");

    private Invariants() {
    }

    /** Runs {@code sc} in {@code work} until it is done and fails the test with every broken invariant. */
    static void assertHold(Scenario sc, java.nio.file.Path work) throws Exception {
        Verdict v = check(FaultRun.execute(sc, work));
        org.junit.jupiter.api.Assertions.assertTrue(v.ok(), v::failures);
    }

    static Verdict check(FaultRun.Result r) {
        Scenario sc = r.scenario();
        Verdict v = new Verdict(sc.label());
        if (r.overflow()) {
            v.breach("bounded recording", "the vendor recorded more than " + FaultVendor.MAX_ARRIVALS + " requests");
        }
        Map<Integer, List<String>> dead = deadLetters(r.deadLetters(), v);
        Map<String, List<FaultVendor.Arrival>> processed = new HashMap<>();
        long lostResponses = 0;
        for (FaultVendor.Arrival a : r.arrivals()) {
            lostResponses += a.answer().lostResponse() ? 1 : 0;
            for (Entities.Entity e : a.entities()) {
                if (a.answer().processed(e.mid())) {
                    processed.computeIfAbsent(String.valueOf(e.mid()), k -> new ArrayList<>()).add(a);
                }
            }
        }
        outcomes(r.corpus(), processed, dead, v);
        duplicates(r, processed, v);
        OrderCheck.check(r.corpus(), r.arrivals(), v);
        exits(r, v);
        replay(r, dead, v);
        v.figure("runs", r.rounds().size() + (r.again() == null ? 0 : 1));
        v.figure("stops", r.rounds().stream().filter(FaultRun.Round::stopped).count());
        v.figure("lines", r.corpus().lines().size());
        v.figure("requests", r.arrivals().size());
        v.figure("lostResponses", lostResponses);
        v.figure("droppedBeforeRead", r.drops());
        v.figure("deadLetterLines", r.deadLetters().size());
        return v;
    }

    /** Input line → dead-letter reasons; lines that are not JSON objects are breaches (torn writes). */
    private static Map<Integer, List<String>> deadLetters(List<String> lines, Verdict v) {
        Map<Integer, List<String>> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode n = JSON.readTree(lines.get(i));
                if (n == null || !n.isObject() || !n.has("line") || !n.has("reason")) {
                    throw new IOException("not a dead-letter entry");
                }
                out.computeIfAbsent(n.get("line").asInt(), k -> new ArrayList<>()).add(n.get("reason").asText());
            } catch (IOException e) {
                v.breach("dead-letter file is valid NDJSON", "line " + (i + 1) + ": "
                        + lines.get(i).substring(0, Math.min(80, lines.get(i).length())));
            }
        }
        return out;
    }

    private static void outcomes(Corpus corpus, Map<String, List<FaultVendor.Arrival>> processed,
                                 Map<Integer, List<String>> dead, Verdict v) {
        long lost = 0;
        long deliverable = 0;
        for (Corpus.Line l : corpus.lines()) {
            List<String> reasons = dead.getOrDefault(l.number(), List.of());
            boolean got = l.mid() != null && processed.containsKey(l.mid());
            String what = l.mid() == null ? "line " + l.number() : OrderCheck.describe(l);
            if (l.deliverable()) {
                deliverable++;
                if (!got) {
                    lost++;
                    v.breach("nothing lost (an event neither processed by the vendor nor rightly dead-lettered)",
                            what + (reasons.isEmpty() ? "" : ", dead-lettered as " + reasons));
                } else if (!reasons.isEmpty()) {
                    v.breach("no event both delivered and dead-lettered", what + " as " + reasons);
                }
            } else if (reasons.isEmpty()) {
                lost++;
                v.breach("nothing lost (an event neither processed by the vendor nor rightly dead-lettered)",
                        what + (l.rejected() ? ", rejected by the vendor," : ", invalid,") + " not dead-lettered");
            } else if (reasons.stream().anyMatch(x -> l.rejected() ? !REJECTIONS.contains(x) : NOT_PERMANENT.contains(x))) {
                v.breach("only permanent verdicts dead-letter", what + " dead-lettered as " + reasons);
            }
        }
        for (Map.Entry<Integer, List<String>> e : dead.entrySet()) {
            if (e.getKey() < 1 || e.getKey() > corpus.lines().size()) {
                v.breach("dead letters name input lines", "line " + e.getKey());
            }
        }
        v.figure("deliverable", deliverable);
        v.figure("processed", processed.keySet().stream().filter(m -> !m.equals("null")).count());
        v.figure("lost", lost);
    }

    private static void duplicates(FaultRun.Result r, Map<String, List<FaultVendor.Arrival>> processed, Verdict v) {
        // After kill -9, or a ledger that could not be written, deliveries in flight cannot have been recorded.
        Scenario.Stop stop = r.scenario().stop();
        Set<Integer> killed = r.rounds().stream()
                .filter(x -> x.stopped() && (stop == Scenario.Stop.KILL9 || stop == Scenario.Stop.LEDGER_DISK_FULL))
                .map(FaultRun.Round::number).collect(Collectors.toSet());
        long byLost = 0;
        long byKill = 0;
        long events = 0;
        for (Map.Entry<String, List<FaultVendor.Arrival>> e : processed.entrySet()) {
            List<FaultVendor.Arrival> copies = e.getValue();
            events += copies.size() > 1 ? 1 : 0;
            for (int i = 1; i < copies.size(); i++) {
                // Each extra copy needs its own excuse: the copy just before it went unheard or unrecorded.
                FaultVendor.Arrival previous = copies.get(i - 1);
                if (previous.answer().lostResponse()) {
                    byLost++;
                } else if (killed.contains(previous.round())) {
                    byKill++;
                } else {
                    v.breach("duplicates only after a lost response, a kill -9 or a full ledger disk", e.getKey() + " processed "
                            + copies.size() + " times, in runs " + copies.stream().map(a -> a.round() + ":"
                            + a.answer()).toList());
                }
            }
        }
        int bound = killed.size() * r.scenario().inFlightEvents();
        if (byKill > bound) {
            v.breach("kill -9 re-sends at most what was in flight", byKill + " events re-sent after "
                    + killed.size() + " kills, more than " + bound);
        }
        v.figure("duplicatedEvents", events);
        v.figure("duplicatesAfterLostResponse", byLost);
        v.figure("duplicatesAfterKill", byKill);
    }

    private static void exits(FaultRun.Result r, Verdict v) {
        Integer expected = r.scenario().stop().expectedExit();
        List<String> shown = new ArrayList<>();
        for (FaultRun.Round x : r.rounds()) {
            shown.add((x.stopped() ? "stopped:" : "") + x.exit());
            String tail = x.stderrTail().replaceAll("\\s+", " ");
            tail = tail.substring(Math.max(0, tail.length() - 300));
            if (x.exit() == -1) {
                v.breach("every run ends", "run " + x.number() + " still running after its time; stderr: " + tail);
            } else if (x.stopped() && expected != null && x.exit() != expected) {
                v.breach("a stopped run exits " + expected, "run " + x.number() + " exited " + x.exit()
                        + "; stderr: " + tail);
            } else if (!x.stopped() && x.exit() != (x.deadLettered() > 0 ? 1 : 0)
                    && !(x.timeBoxed() && x.exit() == 0)) {
                // A time-boxed run that also dead-lettered fits both 0 (time box) and 1 (dead letters): either goes.
                v.breach("a run nobody stopped exits 1 if it dead-lettered events, else 0 (also when time-boxed)",
                        "run " + x.number() + " exited " + x.exit() + " after dead-lettering " + x.deadLettered()
                                + " events; stderr: " + tail);
            }
        }
        v.exits(String.join(",", shown) + (r.again() == null ? "" : " then " + r.again().exit()));
        if (!r.done()) {
            v.breach("the same command finishes the work", "not done after " + r.rounds().size() + " runs");
        }
        FaultRun.Round again = r.again();
        if (again != null && (again.exit() != 0 || again.arrivals() != 0 || again.deadLettered() != 0)) {
            v.breach("running the same command again sends nothing more", "it exited " + again.exit() + " after "
                    + again.arrivals() + " requests and " + again.deadLettered() + " new dead letters");
        }
    }

    private static void replay(FaultRun.Result r, Map<Integer, List<String>> dead, Verdict v) {
        if (r.replay() == null) {
            return;
        }
        Set<String> want = new HashSet<>();
        for (Corpus.Line l : r.corpus().lines()) {
            if (l.valid() && dead.containsKey(l.number())) {
                want.add(l.mid());
            }
        }
        Set<String> mapped = new HashSet<>();
        for (String line : r.replay().out().split("\n")) {
            try {
                if (!line.isBlank()) {
                    mapped.add(JSON.readTree(line).path("source").path("messageId").asText());
                }
            } catch (IOException e) {
                v.breach("dead letters replay", "unreadable dry-run line " + line);
            }
        }
        if ((r.replay().exit() != 0 && r.replay().exit() != 1) || !mapped.equals(want)) {
            v.breach("dead letters replay", "--dry-run of the dead-letter file exited " + r.replay().exit()
                    + ", mapped " + mapped.size() + " events, expected " + want.size());
        }
    }
}
