package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker itself, on made-up vendor recordings: a history that keeps every promise passes, and each kind of
 * breach (a lost event, an unexcused duplicate, an event overtaking its user's or its other identity's earlier
 * events, a missing dedupe id, a wrong exit code) is reported under its own invariant.
 */
class InvariantsTest {
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private final Corpus corpus = Corpus.generate(7, 120, 12);
    private final Scenario scenario = Scenario.of(Scenario.Stop.KILL9, false, 4, 7);

    /** A ULID whose time part is {@code millis}. */
    private static String ulid(long millis) {
        char[] c = "0000000000ABCDEFGHJKMNPQRS".toCharArray();
        for (int i = 9; i >= 0; i--, millis >>>= 5) {
            c[i] = CROCKFORD.charAt((int) (millis & 31));
        }
        return new String(c);
    }

    private static Entities.Entity entity(Corpus.Line l) {
        boolean activity = !l.type().equals("identify") && !l.type().equals("alias");
        return new Entities.Entity(l.mid(), activity, activity ? ulid(l.timeMillis()) : null);
    }

    /** Every event once, in input order, rejected ones answered 400 and dead-lettered with invalid lines. */
    private List<FaultVendor.Arrival> perfect() {
        List<FaultVendor.Arrival> out = new ArrayList<>();
        for (Corpus.Line l : corpus.lines()) {
            if (l.valid()) {
                out.add(new FaultVendor.Arrival(out.size(), 1, "POST", "/x", List.of(entity(l)),
                        l.rejected() ? FaultPlan.Answer.REJECTED : FaultPlan.Answer.OK));
            }
        }
        return out;
    }

    private List<String> deadLetters() {
        List<String> out = new ArrayList<>();
        for (Corpus.Line l : corpus.lines()) {
            if (!l.valid() || l.rejected()) {
                out.add("{\"reason\":\"" + (l.valid() ? "http-400" : "invalid-json") + "\",\"line\":" + l.number()
                        + "}");
            }
        }
        return out;
    }

    private Verdict check(List<FaultVendor.Arrival> arrivals, int lastExit) {
        List<FaultRun.Round> rounds = List.of(new FaultRun.Round(1, false, lastExit, false, arrivals.size(),
                deadLetters().size(), ""));
        return Invariants.check(new FaultRun.Result(scenario, corpus, rounds, true,
                new FaultRun.Round(2, false, 0, false, 0, 0, ""), deadLetters(), arrivals, false, 0, null));
    }

    @Test
    void aHistoryThatKeepsEveryPromisePasses() {
        Verdict v = check(perfect(), 1);
        assertTrue(v.ok(), v::failures);
        assertTrue(v.figure("deliverable") > 100);
    }

    @Test
    void anEventTheVendorNeverGotIsLost() {
        List<FaultVendor.Arrival> a = perfect();
        a.remove(10);
        assertEquals(List.of("nothing lost (an event neither processed by the vendor nor rightly dead-lettered)"),
                check(a, 1).brokenInvariants());
    }

    @Test
    void aSecondCopyNeedsALostAnswerBeforeIt() {
        List<FaultVendor.Arrival> a = perfect();
        FaultVendor.Arrival first = a.get(5);
        a.add(new FaultVendor.Arrival(a.size(), 1, "POST", "/x", first.entities(), FaultPlan.Answer.OK));
        assertEquals(List.of("duplicates only after a lost response, a kill -9 or a full ledger disk"),
                check(a, 1).brokenInvariants());
        a.set(5, new FaultVendor.Arrival(5, 1, "POST", "/x", first.entities(), FaultPlan.Answer.RESET_AFTER_READ));
        assertTrue(check(a, 1).ok(), "a reset after reading excuses one more copy");
    }

    @Test
    void overtakingIsReportedPerUserAndAcrossIdentities() {
        List<FaultVendor.Arrival> a = perfect();
        Corpus.Line identify = corpus.lines().stream().filter(l -> l.type().equals("identify")).findFirst()
                .orElseThrow();
        int at = indexOf(a, identify.mid());
        FaultVendor.Arrival moved = a.remove(at);
        a.add(0, moved);
        Verdict v = check(renumber(a), 1);
        assertTrue(v.brokenInvariants().stream().anyMatch(s -> s.startsWith("cross-identity order")), v::failures);

        List<FaultVendor.Arrival> b = perfect();
        String user = identify.keys().get(0);
        List<Integer> own = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            Corpus.Line l = corpus.byMid(b.get(i).entities().get(0).mid());
            if (l.keys().get(0).equals(user)) {
                own.add(i);
            }
        }
        FaultVendor.Arrival last = b.remove((int) own.get(own.size() - 1));
        b.add(own.get(own.size() - 2), last);
        Verdict w = check(renumber(b), 1);
        assertTrue(w.brokenInvariants().stream().anyMatch(s -> s.startsWith("per-user order")), w::failures);
    }

    @Test
    void anActivityWithoutItsIdAndAWrongExitAreReported() {
        List<FaultVendor.Arrival> a = perfect();
        int i = 0;
        while (!a.get(i).entities().get(0).activity() || a.get(i).answer() != FaultPlan.Answer.OK) {
            i++;
        }
        Entities.Entity e = a.get(i).entities().get(0);
        a.set(i, new FaultVendor.Arrival(i, 1, "POST", "/x", List.of(new Entities.Entity(e.mid(), true, null)),
                FaultPlan.Answer.OK));
        Verdict v = check(a, 0);
        assertTrue(v.brokenInvariants().contains("dedupe id (a track, page or screen reached the vendor without an "
                + "id)"), v::failures);
        assertTrue(v.brokenInvariants().stream().anyMatch(s -> s.startsWith("a run nobody stopped exits 1")),
                v::failures);
        assertFalse(v.ok());
    }

    private static int indexOf(List<FaultVendor.Arrival> a, String mid) {
        for (int i = 0; i < a.size(); i++) {
            if (mid.equals(a.get(i).entities().get(0).mid())) {
                return i;
            }
        }
        throw new AssertionError(mid);
    }

    private static List<FaultVendor.Arrival> renumber(List<FaultVendor.Arrival> a) {
        List<FaultVendor.Arrival> out = new ArrayList<>();
        for (FaultVendor.Arrival x : a) {
            out.add(new FaultVendor.Arrival(out.size(), x.round(), x.method(), x.path(), x.entities(), x.answer()));
        }
        return out;
    }
}
