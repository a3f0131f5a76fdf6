package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Order across identities, end to end: many users whose anonymous events, identify calls naming both ids and alias
 * calls interleave in the input, sent at high concurrency to a vendor on loopback that answers after a random
 * delay (and fails a few first attempts, so retries are in play). For every identity, the requests of the events
 * that name it must reach the vendor in input order: an identify joining {@code anon-N} to {@code user-N} after
 * the anonymous events, later anonymous events after the identify, an alias after the events of its previousId.
 */
@Timeout(90)
class IdentityOrderIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    VendorStub vendor;

    /** One input event: its line (also its {@code seq}), the identities it names, an alias's previousId. */
    private record Line(int seq, String json, List<String> keys, String previousId) {
    }

    @BeforeEach
    void start() {
        vendor = new VendorStub();
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @ParameterizedTest
    @CsvSource({"8, 11", "32, 12"})
    void everyIdentitysEventsReachTheVendorInInputOrder(int concurrency, long seed) throws IOException {
        List<Line> lines = script(new Random(seed), 150);
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines.stream().map(Line::json).toList(), StandardCharsets.UTF_8);
        for (Line l : lines) {
            if (l.previousId() != null) {
                aliasSeqs.put(l.previousId(), l.seq());
            }
        }
        Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
        vendor.answer((req, n) -> {
            int seq = seqOf(req);
            if (seq % 53 == 0 && failedOnce.add(seq)) {
                return aResponse().withStatus(503).build();
            }
            return okJson("{}").withUniformRandomDelay(0, 6).build();
        });
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=s",
                "--set", "apiKey=k", "--base-url", vendor.baseUrl(), "--progress", "none", "--concurrency",
                String.valueOf(concurrency), "--rate", "unlimited", in.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());

        List<VendorStub.Seen> seen = vendor.seen();
        Map<Integer, Integer> firstArrival = new HashMap<>();
        Map<Integer, Integer> lastArrival = new HashMap<>();
        for (int i = 0; i < seen.size(); i++) {
            int seq = seqOf(seen.get(i));
            firstArrival.putIfAbsent(seq, i);
            lastArrival.put(seq, i);
        }
        assertEquals(lines.size(), firstArrival.size(), "every event reached the vendor");
        assertEquals(lines.size() + failedOnce.size(), seen.size(), "exactly one retry per failed first attempt");

        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (Line l : lines) {
            for (String k : l.keys()) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(l.seq());
            }
        }
        List<String> outOfOrder = new ArrayList<>();
        int pairs = 0;
        for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
            List<Integer> seqs = e.getValue();
            for (int i = 1; i < seqs.size(); i++) {
                pairs++;
                int before = seqs.get(i - 1);
                int after = seqs.get(i);
                // The later event's first attempt must come after the earlier one's last (retries included).
                if (firstArrival.get(after) < lastArrival.get(before)) {
                    outOfOrder.add(e.getKey() + ": line " + after + " before line " + before);
                }
            }
        }
        assertTrue(pairs > 1000, "enough pairs to see a fault: " + pairs);
        assertTrue(outOfOrder.isEmpty(), outOfOrder.size() + " of " + pairs + " pairs out of order: "
                + outOfOrder.subList(0, Math.min(10, outOfOrder.size())));
    }

    /**
     * Users' stories, a few users interleaved at a time (so a user's events are close together in the input, as in
     * real traffic): anonymous events, identify with both ids, an anonymous event after it, a tracked event, events
     * under an older anonymous id, an alias from that id, a final tracked event.
     */
    private static List<Line> script(Random random, int users) {
        List<List<String[]>> stories = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            stories.add(story(random, u));
        }
        List<Line> out = new ArrayList<>();
        List<ArrayList<String[]>> active = new ArrayList<>();
        int next = 0;
        while (next < users || !active.isEmpty()) {
            while (active.size() < 6 && next < users) {
                active.add(new ArrayList<>(stories.get(next++)));
            }
            int pick = random.nextInt(active.size());
            String[] ev = active.get(pick).remove(0);
            if (active.get(pick).isEmpty()) {
                active.remove(pick);
            }
            out.add(line(out.size() + 1, ev));
        }
        return out;
    }

    /** {type, userId, anonymousId, previousId}; nulls for absent ids. */
    private static List<String[]> story(Random random, int u) {
        String user = "user-" + u;
        String anon = "anon-" + u;
        String old = "old-" + u;
        List<String[]> s = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            s.add(new String[] {"track", null, anon, null});
        }
        s.add(new String[] {"identify", user, anon, null});
        if (random.nextBoolean()) {
            s.add(new String[] {"track", null, anon, null});
        }
        s.add(new String[] {"track", user, anon, null});
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            s.add(new String[] {"track", null, old, null});
        }
        s.add(new String[] {"alias", user, null, old});
        s.add(new String[] {"track", user, null, null});
        return s;
    }

    private static Line line(int seq, String[] ev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", ev[0]);
        m.put("messageId", "m-" + seq);
        List<String> keys = new ArrayList<>();
        if (ev[1] != null) {
            m.put("userId", ev[1]);
            keys.add(ev[1]);
        }
        if (ev[2] != null) {
            m.put("anonymousId", ev[2]);
            keys.add(ev[2]);
        }
        if (ev[3] != null) {
            m.put("previousId", ev[3]);
            keys.add(ev[3]);
        }
        switch (ev[0]) {
            case "track" -> {
                m.put("event", "Step");
                m.put("properties", Map.of("seq", seq));
            }
            case "identify" -> m.put("traits", Map.of("seq", seq));
            default -> { // an alias body has only the two ids; the previousId names the line (see seqOf)
            }
        }
        try {
            return new Line(seq, JSON.writeValueAsString(m), keys, ev[3]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Alias lines are found by their previousId, which is unique to each in {@link #script}. */
    private final Map<String, Integer> aliasSeqs = new ConcurrentHashMap<>();

    private int seqOf(VendorStub.Seen s) {
        try {
            JsonNode body = JSON.readTree(s.body());
            if (body.has("secondary")) {
                return aliasSeq(body.path("secondary").path("id").asText());
            }
            JsonNode seq = body.has("data") ? body.path("data").path("seq") : body.path("seq");
            if (!seq.isInt()) {
                throw new AssertionError("unexpected request " + s.method() + " " + s.url() + " " + s.body());
            }
            return seq.asInt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int aliasSeq(String previousId) {
        Integer seq = aliasSeqs.get(previousId);
        if (seq == null) {
            throw new AssertionError("alias from an unknown id: " + previousId);
        }
        return seq;
    }
}
