package io.cfsync.dest.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.PrePass;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Automatic session ids for tracking events that carry none: per customer, a new session starts when more than
 * the gap has passed since that customer's latest event; the id is {@code cfs-} and the first 24 hex digits of
 * SHA-256 over {@code key + "\n" + sessionStartMillis}, so the same input always gives the same ids.
 *
 * <p>Memory stays bounded: a customer whose latest event is more than the gap older than the newest time seen
 * is forgotten (for input in time order, their next event would start a new session anyway), and at most
 * {@code maxEntries} customers are kept, the least recently seen forgotten first. Not thread-safe.
 */
final class SessionPrePass implements PrePass {
    static final int DEFAULT_MAX_ENTRIES = 100_000;
    private static final JsonPath[] EXPLICIT = JsonPath.all("properties.kustomer_session_id",
            "properties.kustomerSessionId", "context.sessionId");
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
    private long newest = Long.MIN_VALUE;

    SessionPrePass(long gapMillis, boolean anonymousSent, int maxEntries) {
        this.gapMillis = gapMillis;
        this.anonymousSent = anonymousSent;
        this.maxEntries = maxEntries;
        // Access order: the eldest entry is the customer seen least recently, the first to check for eviction.
        this.sessions = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > SessionPrePass.this.maxEntries;
            }
        };
    }

    /** The session id the event names itself, as text, or null. */
    static String explicitId(JsonNode json) {
        return JsonPath.firstText(json, EXPLICIT);
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
            s.id = idFor(key, t);
            sessions.put(key, s);
        } else if (timed && t - s.last > gapMillis) {
            s.id = idFor(key, t);
        }
        if (timed) {
            s.last = Math.max(s.last, t);
            if (t > newest) {
                newest = t;
                evictIdle();
            }
        }
        return new PrePassFacts(s.id);
    }

    /** {@code cfs-} and the first 24 lower-case hex digits of SHA-256 over {@code key + "\n" + startMillis}. */
    static String idFor(String key, long startMillis) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key + "\n" + startMillis).getBytes(StandardCharsets.UTF_8));
            return "cfs-" + HEX.formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Drops customers idle for more than the gap, oldest-seen first, stopping at the first one still active. */
    private void evictIdle() {
        Iterator<Session> it = sessions.values().iterator();
        while (it.hasNext()) {
            if (newest - it.next().last <= gapMillis) {
                return;
            }
            it.remove();
        }
    }

    /** How many customers are remembered (tests). */
    int size() {
        return sessions.size();
    }
}
