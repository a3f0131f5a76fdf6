package io.cfsync.dest.kustomer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.event.Decoded;
import io.cfsync.event.Envelope;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import org.junit.jupiter.api.Test;

class SessionPrePassTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventDecoder DECODER = new EventDecoder();
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1709648400000L; // 2024-03-05T14:20:00Z

    static Event event(String json) {
        try {
            Decoded d = DECODER.decode(JSON.readTree(json));
            return ((Decoded.Ok) d).event();
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A track event for this user at epoch millis {@code t}, built directly so a million of them stay cheap. */
    static Event track(String user, long t) {
        ObjectNode n = JSON.createObjectNode().put("type", "track").put("userId", user).put("event", "E");
        return new Event.Track(new Envelope(n, user, null, null, t), "E");
    }

    private static SessionPrePass pass() {
        return new SessionPrePass(30 * MINUTE, false, SessionPrePass.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void referenceExampleKeepsElevenMinutesTogetherAndSplitsAfterTheGap() {
        SessionPrePass p = pass();
        assertEquals("cfs-20a1a249148a12059a74f981", p.facts(track("u-1001", T0)).sessionId());
        assertEquals("cfs-20a1a249148a12059a74f981",
                p.facts(event("{\"type\":\"page\",\"userId\":\"u-1001\",\"timestamp\":\"2024-03-05T14:31:07Z\"}"))
                        .sessionId());
        assertEquals("cfs-e93b610ad0f0b2f9bd3a14b0",
                p.facts(event("{\"type\":\"screen\",\"userId\":\"u-1001\",\"timestamp\":\"2024-03-05T15:40:00Z\"}"))
                        .sessionId());
    }

    @Test
    void theGapIsMeasuredFromTheLatestEventNotTheSessionStart() {
        SessionPrePass p = pass();
        String first = p.facts(track("u", T0)).sessionId();
        assertEquals(first, p.facts(track("u", T0 + 25 * MINUTE)).sessionId());
        assertEquals(first, p.facts(track("u", T0 + 50 * MINUTE)).sessionId());
        assertEquals(first, p.facts(track("u", T0 + 80 * MINUTE)).sessionId(), "exactly the gap still joins");
        assertNotEquals(first, p.facts(track("u", T0 + 110 * MINUTE + 1)).sessionId());
    }

    @Test
    void usersHaveTheirOwnSessions() {
        SessionPrePass p = pass();
        assertNotEquals(p.facts(track("a", T0)).sessionId(), p.facts(track("b", T0)).sessionId());
    }

    @Test
    void anEarlierEventStaysInTheCurrentSessionAndDoesNotMoveItBack() {
        SessionPrePass p = pass();
        String s = p.facts(track("u", T0 + 60 * MINUTE)).sessionId();
        assertEquals(s, p.facts(track("u", T0)).sessionId(), "out of order joins the current session");
        assertEquals(s, p.facts(track("u", T0 + 85 * MINUTE)).sessionId(), "gap counts from the latest time");
    }

    @Test
    void anEventWithoutTimeJoinsTheCurrentSessionOrStartsOneAtZero() {
        SessionPrePass p = pass();
        String untimed = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}";
        assertEquals(SessionPrePass.idFor("user:u", 0), p.facts(event(untimed)).sessionId());
        String timed = p.facts(track("u", T0)).sessionId();
        assertEquals(SessionPrePass.idFor("user:u", T0), timed);
        assertEquals(timed, p.facts(event(untimed)).sessionId());
    }

    @Test
    void explicitSessionIdsNeitherGetAnAutomaticIdNorTouchTheState() {
        SessionPrePass p = pass();
        String s = p.facts(track("u", T0)).sessionId();
        for (String explicit : new String[] {"\"properties\":{\"kustomer_session_id\":\"x\"}",
                "\"properties\":{\"kustomerSessionId\":7}", "\"context\":{\"sessionId\":1709648400000}"}) {
            PrePassFacts h = p.facts(event("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\","
                    + "\"timestamp\":\"2024-03-05T18:00:00Z\"," + explicit + "}"));
            assertNull(h.sessionId(), explicit);
        }
        assertEquals(s, p.facts(track("u", T0 + 20 * MINUTE)).sessionId());
    }

    @Test
    void onlyTrackingEventsOfSentCustomersGetIds() {
        SessionPrePass p = pass();
        assertNull(p.facts(event("{\"type\":\"identify\",\"userId\":\"u\"}")).sessionId());
        assertNull(p.facts(event("{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"g\"}")).sessionId());
        assertNull(p.facts(event("{\"type\":\"track\",\"anonymousId\":\"a\",\"event\":\"E\"}")).sessionId());
        SessionPrePass anon = new SessionPrePass(30 * MINUTE, true, 10);
        assertEquals(SessionPrePass.idFor("anon:a", 0),
                anon.facts(event("{\"type\":\"track\",\"anonymousId\":\"a\",\"event\":\"E\"}")).sessionId());
        assertEquals(0, p.size());
    }

    @Test
    void idleCustomersAreForgottenSoMemoryStaysFlat() {
        SessionPrePass p = pass();
        int max = 0;
        for (int i = 0; i < 1_000_000; i++) {
            p.facts(track("user-" + i, T0 + i * 1000L));
            max = Math.max(max, p.size());
        }
        // One new customer a second: only those seen within the last 30 minutes are kept.
        assertTrue(max <= 30 * 60 + 1, "remembered " + max);
    }

    @Test
    void forgettingIdleCustomersChangesNoIdForInputInTimeOrder() {
        SessionPrePass p = pass();
        java.util.Map<String, long[]> naive = new java.util.HashMap<>(); // user → {last, start}, never forgotten
        java.util.Random random = new java.util.Random(42);
        long t = T0;
        int newSessions = 0;
        for (int i = 0; i < 200_000; i++) {
            t += random.nextInt(3000);
            String user = "u" + random.nextInt(500);
            long[] s = naive.get(user);
            if (s == null || t - s[0] > 30 * MINUTE) {
                s = new long[] {t, t};
                naive.put(user, s);
                newSessions++;
            }
            s[0] = t;
            assertEquals(SessionPrePass.idFor("user:" + user, s[1]), p.facts(track(user, t)).sessionId());
        }
        assertTrue(newSessions > 10_000 && newSessions < 190_000, "the stream mixes both cases: " + newSessions);
        assertTrue(p.size() < 500, "idle customers were forgotten: " + p.size());
    }

    @Test
    void theHardCapBoundsCustomersActiveAtTheSameTime() {
        SessionPrePass p = new SessionPrePass(30 * MINUTE, false, 1000);
        for (int i = 0; i < 100_000; i++) {
            p.facts(track("user-" + i, T0));
        }
        assertEquals(1000, p.size());
        // The least recently seen were forgotten first; the most recent still have their session.
        assertEquals(SessionPrePass.idFor("user:user-99999", T0), p.facts(track("user-99999", T0 + MINUTE))
                .sessionId());
    }

    @Test
    void theSameInputGivesTheSameIds() {
        SessionPrePass a = pass();
        SessionPrePass b = pass();
        for (int i = 0; i < 1000; i++) {
            long t = T0 + (i * 7919L % 5000) * MINUTE / 10;
            assertEquals(a.facts(track("u" + i % 13, t)).sessionId(), b.facts(track("u" + i % 13, t)).sessionId());
        }
    }

    /** Events of three users, with gaps longer than 30 minutes now and then. */
    private static java.util.List<Event> day() {
        java.util.List<Event> out = new java.util.ArrayList<>();
        long t = T0;
        for (int i = 0; i < 90; i++) {
            t += (i % 7 == 6 ? 45 : 4) * MINUTE;
            out.add(track("u-" + (i % 3), t));
        }
        return out;
    }

    @Test
    void aRestoredPassContinuesExactlyWhereTheSavedOneStopped() {
        java.util.List<Event> events = day();
        SessionPrePass whole = pass();
        java.util.List<String> expected = events.stream().map(e -> whole.facts(e).sessionId()).toList();
        for (int cut : new int[] {1, 20, 44, 89}) {
            SessionPrePass twin = (SessionPrePass) pass().twin();
            java.util.Map<String, String> rows = new java.util.HashMap<>();
            for (int i = 0; i < cut; i++) {
                twin.facts(events.get(i));
                if (i % 10 == 0) {
                    twin.drainChanges().forEach((k, v) -> {
                        if (v == null) {
                            rows.remove(k);
                        } else {
                            rows.put(k, v);
                        }
                    });
                }
            }
            twin.drainChanges().forEach((k, v) -> {
                if (v == null) {
                    rows.remove(k);
                } else {
                    rows.put(k, v);
                }
            });
            SessionPrePass resumed = pass();
            resumed.restore(rows);
            for (int i = cut; i < events.size(); i++) {
                assertEquals(expected.get(i), resumed.facts(events.get(i)).sessionId(), "cut " + cut + ", event " + i);
            }
        }
    }

    @Test
    void rowsSavedWithAnotherGapAreNotUsed() {
        SessionPrePass twin = (SessionPrePass) pass().twin();
        twin.facts(track("u", T0));
        java.util.Map<String, String> rows = twin.drainChanges();
        SessionPrePass other = new SessionPrePass(10 * MINUTE, false, SessionPrePass.DEFAULT_MAX_ENTRIES);
        other.restore(rows);
        assertEquals(0, other.size());
        SessionPrePass same = pass();
        same.restore(rows);
        assertEquals(1, same.size());
        assertTrue(pass().drainChanges().isEmpty(), "only a twin records its changes");
    }

    @Test
    void forgottenCustomersAreDeletedRows() {
        SessionPrePass twin = (SessionPrePass) pass().twin();
        twin.facts(track("old", T0));
        twin.drainChanges();
        twin.facts(track("new", T0 + 120 * MINUTE)); // "old" idle for more than the gap: forgotten
        java.util.Map<String, String> rows = twin.drainChanges();
        assertTrue(rows.containsKey("user:old") && rows.get("user:old") == null, rows.toString());
        assertTrue(rows.get("user:new").endsWith(SessionPrePass.idFor("user:new", T0 + 120 * MINUTE)));
    }
}
