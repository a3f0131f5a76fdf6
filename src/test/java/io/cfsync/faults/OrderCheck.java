package io.cfsync.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ordering and dedupe-id invariants over the vendor's recording.
 * <ul>
 *   <li><b>Per-user order</b>: for every identity, the first arrivals of the events whose own lane key it is come
 *       in input order.</li>
 *   <li><b>Cross-identity order</b>: an event naming a second identity (an identify or track with userId and
 *       anonymousId, an alias with previousId) first arrives after the earlier events of that identity and
 *       before its later ones.</li>
 *   <li><b>Dedupe ids</b>: every track, page and screen the vendor processed carries a ULID {@code id} whose time
 *       part is the event's time, the same for every copy of the event, and no two events share one.</li>
 * </ul>
 * A position is (arrival number, index in the batch). Stateless.
 */
final class OrderCheck {
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private OrderCheck() {
    }

    static void check(Corpus corpus, List<FaultVendor.Arrival> arrivals, Verdict v) {
        Map<String, Long> first = new HashMap<>();
        for (FaultVendor.Arrival a : arrivals) {
            for (int i = 0; i < a.entities().size(); i++) {
                String mid = a.entities().get(i).mid();
                if (mid != null) {
                    first.putIfAbsent(mid, a.seq() * 100_000L + i);
                }
            }
        }
        Map<String, List<Corpus.Line>> byKey = new LinkedHashMap<>();
        for (Corpus.Line l : corpus.lines()) {
            if (l.valid() && first.containsKey(l.mid())) {
                l.keys().forEach(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(l));
            }
        }
        long perUser = 0;
        long cross = 0;
        for (Map.Entry<String, List<Corpus.Line>> e : byKey.entrySet()) {
            String key = e.getKey();
            List<Corpus.Line> all = e.getValue();
            List<Corpus.Line> own = all.stream().filter(l -> l.keys().get(0).equals(key)).toList();
            for (int i = 1; i < own.size(); i++) {
                if (first.get(own.get(i).mid()) < first.get(own.get(i - 1).mid())) {
                    perUser++;
                    v.breach("per-user order (first arrivals of one user's events out of input order)",
                            key + ": " + describe(own.get(i)) + " arrived before " + describe(own.get(i - 1)));
                }
            }
            for (int i = 1; i < all.size(); i++) {
                Corpus.Line before = all.get(i - 1);
                Corpus.Line after = all.get(i);
                boolean mixed = !before.keys().get(0).equals(key) || !after.keys().get(0).equals(key);
                if (mixed && first.get(after.mid()) < first.get(before.mid())) {
                    cross++;
                    v.breach("cross-identity order (an event naming two identities overtook, or was overtaken by, "
                            + "the other identity's events)",
                            key + ": " + describe(after) + " arrived before " + describe(before));
                }
            }
        }
        v.figure("orderViolations", perUser);
        v.figure("crossIdentityViolations", cross);
        ids(corpus, arrivals, v);
    }

    private static void ids(Corpus corpus, List<FaultVendor.Arrival> arrivals, Verdict v) {
        Map<String, String> idOf = new HashMap<>();
        Map<String, String> midOfId = new HashMap<>();
        long missing = 0;
        for (FaultVendor.Arrival a : arrivals) {
            if (!a.answer().processed) {
                continue;
            }
            for (Entities.Entity e : a.entities()) {
                if (!e.activity() || e.mid() == null) {
                    continue;
                }
                Corpus.Line l = corpus.byMid(e.mid());
                String where = describe(l) + " in " + a.method() + " " + a.path();
                if (e.id() == null) {
                    missing++;
                    v.breach("dedupe id (a track, page or screen reached the vendor without an id)", where);
                } else if (!ULID.matcher(e.id()).matches() || timeOf(e.id()) != l.timeMillis()) {
                    v.breach("dedupe id (not a ULID with the event's time)", where + ": " + e.id());
                } else {
                    String was = idOf.putIfAbsent(e.mid(), e.id());
                    String owner = midOfId.putIfAbsent(e.id(), e.mid());
                    if (was != null && !was.equals(e.id())) {
                        v.breach("dedupe id (two copies of one event carried different ids)", where);
                    } else if (owner != null && !owner.equals(e.mid())) {
                        v.breach("dedupe id (two events share an id)", where + " and " + owner);
                    }
                }
            }
        }
        v.figure("missingIds", missing);
    }

    /** The 48-bit time part of a ULID, in milliseconds. */
    static long timeOf(String ulid) {
        long t = 0;
        for (int i = 0; i < 10; i++) {
            t = (t << 5) | CROCKFORD.indexOf(ulid.charAt(i));
        }
        return t;
    }

    static String describe(Corpus.Line l) {
        return l.mid() + " (" + l.type() + ", line " + l.number() + ")";
    }
}
