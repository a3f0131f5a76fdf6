package io.cfsync.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded input for the fault suite: about {@code events} lines over {@code users} people. Each person has
 * anonymous events (anonymousId {@code a-<i>}), then an identify joining that anonymousId to userId
 * {@code u-<i>}, then known events (some naming both ids, a few anonymous ones after the identify); every third
 * person also has events under a second anonymousId {@code b-<i>} that an alias later merges. People are
 * interleaved at random, keeping each person's own order. A few lines are invalid (not JSON, a track without a
 * name, an impossible date), and tracks whose messageId starts with {@code r} are ones the vendor rejects (400).
 * Every event carries its messageId in {@code properties.mid} (identify: {@code traits.mid}) so the vendor can
 * tell which events a request carries; aliases are known by their pair of ids. Immutable once built.
 */
final class Corpus {
    /** One input line. {@code keys} are the identities it names, its own lane key first; empty when invalid. */
    record Line(int number, String text, String mid, String type, boolean valid, boolean rejected, List<String> keys,
                long timeMillis) {
        /** An event the vendor should end up processing. */
        boolean deliverable() {
            return valid && !rejected;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Line> byMid = new HashMap<>();
    private final Map<String, String> aliasMid = new HashMap<>();

    private Corpus() {
    }

    /** A corpus of about {@code events} lines over {@code users} people, the same for the same seed. */
    static Corpus generate(long seed, int events, int users) {
        Random rnd = new Random(seed);
        List<List<String[]>> scripts = new ArrayList<>();
        int per = Math.max(4, events / users);
        for (int i = 0; i < users; i++) {
            scripts.add(script(rnd, i, per));
        }
        List<String[]> order = interleave(rnd, scripts);
        Corpus c = new Corpus();
        for (String[] e : order) {
            if (rnd.nextInt(100) == 0) {
                c.addInvalid(rnd.nextInt(3));
            }
            c.addEvent(e[0], e[1], e[2], e[3], rnd.nextInt(50) == 0 && e[0].equals("track"));
        }
        c.addInvalid(0);
        return c;
    }

    /** One person's events in order: {type, userId, anonymousId, previousId}. */
    private static List<String[]> script(Random rnd, int i, int length) {
        String u = "u-" + i;
        String a = "a-" + i;
        String b = "b-" + i;
        boolean merges = i % 3 == 0;
        List<String[]> s = new ArrayList<>();
        for (int k = 0, n = 1 + rnd.nextInt(3); k < n; k++) {
            s.add(new String[] {rnd.nextBoolean() ? "track" : "page", null, a, null});
            if (merges && rnd.nextBoolean()) {
                s.add(new String[] {"track", null, b, null});
            }
        }
        s.add(new String[] {"identify", u, a, null});
        int aliasAt = merges ? s.size() + rnd.nextInt(Math.max(1, length - s.size())) : -1;
        while (s.size() < length) {
            if (s.size() == aliasAt) {
                s.add(new String[] {"alias", u, null, b});
                continue;
            }
            int r = rnd.nextInt(20);
            if (r == 0) {
                s.add(new String[] {"track", null, a, null});
            } else if (r < 5) {
                s.add(new String[] {"track", u, a, null});
            } else if (r < 7) {
                s.add(new String[] {r == 5 ? "page" : "screen", u, null, null});
            } else {
                s.add(new String[] {"track", u, null, null});
            }
        }
        return s;
    }

    private static List<String[]> interleave(Random rnd, List<List<String[]>> scripts) {
        List<String[]> out = new ArrayList<>();
        List<Integer> bag = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            bag.addAll(Collections.nCopies(scripts.get(i).size(), i));
        }
        Collections.shuffle(bag, rnd);
        int[] next = new int[scripts.size()];
        for (int who : bag) {
            out.add(scripts.get(who).get(next[who]++));
        }
        return out;
    }

    private void addEvent(String type, String userId, String anonymousId, String previousId, boolean reject) {
        int n = lines.size() + 1;
        String mid = (reject ? "r" : "e") + String.format("%05d", n);
        long t = BASE + n * 1000L;
        ObjectNode e = JSON.createObjectNode().put("type", type).put("messageId", mid);
        List<String> keys = new ArrayList<>(3);
        for (String[] id : new String[][] {{"userId", userId}, {"anonymousId", anonymousId},
                {"previousId", previousId}}) {
            if (id[1] != null) {
                e.put(id[0], id[1]);
                keys.add(id[1]);
            }
        }
        e.put("timestamp", Instant.ofEpochMilli(t).toString());
        switch (type) {
            case "track" -> e.put("event", "Order Completed");
            case "page" -> e.put("name", "Pricing");
            case "screen" -> e.put("name", "Settings");
            default -> { }
        }
        if (!type.equals("alias")) {
            e.putObject(type.equals("identify") ? "traits" : "properties").put("mid", mid).put("seq", n);
        } else {
            aliasMid.put(userId + "|" + previousId, mid);
        }
        add(new Line(n, e.toString(), mid, type, true, reject, List.copyOf(keys), t));
    }

    private void addInvalid(int kind) {
        int n = lines.size() + 1;
        String mid = String.format("i%05d", n);
        String text = switch (kind) {
            case 0 -> "{\"type\":\"track\",\"messageId\":\"" + mid + "\",\"userId\":\"u-0\" not json";
            case 1 -> "{\"type\":\"track\",\"messageId\":\"" + mid + "\",\"userId\":\"u-1\",\"properties\":{}}";
            default -> "{\"type\":\"identify\",\"messageId\":\"" + mid + "\",\"userId\":\"u-2\","
                    + "\"timestamp\":\"2024-02-30T10:00:00Z\"}";
        };
        add(new Line(n, text, kind == 0 ? null : mid, "invalid", false, false, List.of(), 0));
    }

    private void add(Line l) {
        lines.add(l);
        if (l.mid() != null) {
            byMid.put(l.mid(), l);
        }
    }

    List<Line> lines() {
        return Collections.unmodifiableList(lines);
    }

    Line byMid(String mid) {
        return byMid.get(mid);
    }

    /** The messageId of the alias merging {@code previousId} into {@code userId}, or null. */
    String aliasMid(String userId, String previousId) {
        return aliasMid.get(userId + "|" + previousId);
    }

    /** Whether the vendor rejects (400) this event: decided by its messageId alone. */
    static boolean rejects(String mid) {
        return mid.startsWith("r");
    }
}
