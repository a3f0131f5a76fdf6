package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.PrePass;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic session ids for tracking events that carry none: per customer, a new session starts when more than
 * the gap has passed since that customer's latest event; the id is {@code cfs-} and the first 24 hex digits of
 * SHA-256 over {@code key + "\n" + sessionStartMillis}, so the same input always gives the same ids.
 *
 * <p>Memory stays bounded: a customer whose latest event is more than the gap older than the newest time seen
 * is forgotten (for input in time order, their next event would start a new session anyway), and at most
 * {@code maxEntries} customers are kept, the least recently seen forgotten first.
 *
 * <p>A resumed run continues the same sessions: the state is saved with the watermark as one row per customer
 * ({@code key → "<latest event millis> <session id>"}) and a settings row
 * ({@code "" → "gap=<millis> newest=<millis>"}); rows saved with another gap are not used. Not thread-safe.
 */
final class SessionPrePass implements PrePass {
    static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** The explicit id's places, in order: two in the properties object (resolved once), then the context's. */
    private static final JsonPath[] EXPLICIT_IN_PROPERTIES = JsonPath.all("kustomer_session_id", "kustomerSessionId");
    private static final JsonPath[] EXPLICIT_IN_CONTEXT = JsonPath.all("context.sessionId");
    private static final HexFormat HEX = HexFormat.of();

    /** A customer's open session: its id (which encodes the start) and the latest event time seen. */
    private static final class Session {
        long last;
        String id;
    }

    private final long gapMillis;
    private final boolean anonymousSent;
    private final int maxEntries;
    private final LinkedHashMap<String, Session> sessions;
    /** One digest for the run rather than a provider lookup per new session; reset by each digest() call. */
    private final MessageDigest sha256 = sha256();
    private long newest = Long.MIN_VALUE;
    /** Customers changed since the last {@link #drainChanges}, each with its session or null when forgotten. */
    private final Map<String, Session> changed;

    SessionPrePass(long gapMillis, boolean anonymousSent, int maxEntries) {
        this(gapMillis, anonymousSent, maxEntries, false);
    }

    private SessionPrePass(long gapMillis, boolean anonymousSent, int maxEntries, boolean tracksChanges) {
        this.gapMillis = gapMillis;
        this.anonymousSent = anonymousSent;
        this.maxEntries = maxEntries;
        this.changed = tracksChanges ? new LinkedHashMap<>() : null;
        // Access order: the eldest entry is the customer seen least recently, the first to check for eviction.
        this.sessions = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                boolean evict = size() > SessionPrePass.this.maxEntries;
                if (evict) {
                    forgot(eldest.getKey());
                }
                return evict;
            }
        };
    }

    /** The session id the event names itself, as text, or null. */
    static String explicitId(JsonNode json) {
        // As JsonPath.firstText over all three paths: the first present value decides, text or not.
        JsonNode inProperties = JsonPath.first(json.get("properties"), EXPLICIT_IN_PROPERTIES);
        if (inProperties != null) {
            return inProperties.isValueNode() ? inProperties.asText() : null;
        }
        return JsonPath.firstText(json, EXPLICIT_IN_CONTEXT);
    }

    /** {@code user:<userId>}, or {@code anon:<anonymousId>} when anonymous events are sent; else null. */
    private String key(Event e) {
        if (e.userId() != null) {
            return "user:" + e.userId();
        }
        return anonymousSent && e.anonymousId() != null ? "anon:" + e.anonymousId() : null;
    }

    @Override
    public PrePassFacts facts(Event event) {
        if (!(event instanceof Event.Track || event instanceof Event.Page || event instanceof Event.Screen)
                || explicitId(event.json()) != null) {
            return PrePassFacts.NONE;
        }
        String key = key(event);
        if (key == null) {
            return PrePassFacts.NONE;
        }
        boolean timed = event.envelope().hasTime();
        long t = timed ? event.envelope().timeMillis() : 0L;
        Session s = sessions.get(key);
        if (s == null) {
            s = new Session();
            s.last = t;
            s.id = idFor(sha256, key, t);
            sessions.put(key, s);
        } else if (timed && t - s.last > gapMillis) {
            s.id = idFor(sha256, key, t);
        }
        if (timed) {
            s.last = Math.max(s.last, t);
        }
        if (changed != null) {
            changed.put(key, s);
        }
        if (timed) {
            if (t > newest) {
                newest = t;
                evictIdle();
            }
        }
        return new PrePassFacts(s.id);
    }

    /** {@code cfs-} and the first 24 lower-case hex digits of SHA-256 over {@code key + "\n" + startMillis}. */
    static String idFor(String key, long startMillis) {
        return idFor(sha256(), key, startMillis);
    }

    private static String idFor(MessageDigest sha256, String key, long startMillis) {
        byte[] digest = sha256.digest((key + "\n" + startMillis).getBytes(StandardCharsets.UTF_8));
        return "cfs-" + HEX.formatHex(digest, 0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Drops customers idle for more than the gap, oldest-seen first, stopping at the first one still active. */
    private void evictIdle() {
        Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Session> e = it.next();
            if (newest - e.getValue().last <= gapMillis) {
                return;
            }
            it.remove();
            forgot(e.getKey());
        }
    }

    private void forgot(String key) {
        if (changed != null) {
            changed.put(key, null);
        }
    }

    @Override
    public PrePass twin() {
        return new SessionPrePass(gapMillis, anonymousSent, maxEntries, true);
    }

    @Override
    public Map<String, String> drainChanges() {
        if (changed == null || changed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("", settingsRow());
        for (Map.Entry<String, Session> c : changed.entrySet()) {
            Session s = c.getValue();
            out.put(c.getKey(), s == null ? null : s.last + " " + s.id);
        }
        changed.clear();
        return out;
    }

    private String settingsRow() {
        return "gap=" + gapMillis + " newest=" + newest;
    }

    /** Sessions saved with the same gap, least recently active first (the order eviction expects). */
    @Override
    public void restore(Map<String, String> rows) {
        String settings = rows.get("");
        String prefix = "gap=" + gapMillis + " newest=";
        if (settings == null || !settings.startsWith(prefix)) {
            return;
        }
        List<Map.Entry<String, Session>> restored = new ArrayList<>();
        for (Map.Entry<String, String> r : rows.entrySet()) {
            int space = r.getValue().indexOf(' ');
            if (r.getKey().isEmpty() || space < 0) {
                continue;
            }
            try {
                Session s = new Session();
                s.last = Long.parseLong(r.getValue().substring(0, space));
                s.id = r.getValue().substring(space + 1);
                restored.add(Map.entry(r.getKey(), s));
            } catch (NumberFormatException e) {
                // a row this version cannot read: that customer starts a new session
            }
        }
        restored.sort(Map.Entry.comparingByValue((a, b) -> Long.compare(a.last, b.last)));
        for (Map.Entry<String, Session> e : restored) {
            sessions.put(e.getKey(), e.getValue());
        }
        try {
            newest = Long.parseLong(settings.substring(prefix.length()));
        } catch (NumberFormatException e) {
            newest = Long.MIN_VALUE;
        }
    }

    /** How many customers are remembered (tests). */
    int size() {
        return sessions.size();
    }
}
