package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --time-field, --user, --sample, --limit and --compact through the real command line, as a dry-run. */
@Timeout(60)
class SelectionOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Cli.Result dryRun(String input, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--dry-run", "--set",
                "siteId=s", "--set", "apiKey=k"));
        args.addAll(List.of(extra));
        args.add("-");
        return Cli.run(input.getBytes(StandardCharsets.UTF_8), Map.of(), args.toArray(new String[0]));
    }

    private static List<String> messageIds(String out) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                ids.add(JSON.readTree(l).at("/source/messageId").asText());
            }
        }
        return ids;
    }

    private static String track(String id, String user, String extra) {
        return "{\"type\":\"track\",\"event\":\"E\",\"messageId\":\"" + id + "\",\"userId\":\"" + user + "\"" + extra
                + "}\n";
    }

    @Test
    void timeFieldChoosesTheInstantSinceAndUntilCompare() throws Exception {
        String in = track("a", "u", ",\"timestamp\":\"2024-01-01T00:00:00Z\",\"receivedAt\":\"2024-03-02T00:00:00Z\"")
                + track("b", "u", ",\"timestamp\":\"2024-03-05T00:00:00Z\",\"receivedAt\":\"2024-02-01T00:00:00Z\"")
                + track("c", "u", ",\"timestamp\":\"2024-03-05T00:00:00Z\"")
                + track("d", "u", ",\"timestamp\":\"2024-03-05T00:00:00Z\",\"receivedAt\":\"yesterday\"");
        Cli.Result byTimestamp = dryRun(in, "--since", "2024-03-01");
        assertEquals(List.of("b", "c", "d"), messageIds(byTimestamp.out()), byTimestamp.err());
        Cli.Result byReceived = dryRun(in, "--since", "2024-03-01", "--time-field", "receivedAt");
        assertEquals(List.of("a", "c"), messageIds(byReceived.out()), byReceived.err());
        assertTrue(byReceived.err().contains("before-since 1"), byReceived.err());
        assertTrue(byReceived.err().contains("kept without a timestamp by --since/--until: 1"), byReceived.err());
        assertTrue(byReceived.err().contains("invalid-timestamp 1"), "an unreadable compared field is invalid: "
                + byReceived.err());
        assertEquals(1, byReceived.exit());
        Cli.Result bad = dryRun(in, "--time-field", "createdAt");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--time-field 'createdAt' is not one of timestamp, originalTimestamp, "
                + "receivedAt, sentAt"), bad.err());
    }

    @Test
    void userKeepsTheListedIdsMatchedAgainstUserIdOrAnonymousId() throws Exception {
        Path users = tmp.resolve("users.txt");
        Files.writeString(users, "u-1\n\n  anon-7  \n");
        String in = track("a", "u-1", "") + track("b", "u-2", "")
                + "{\"type\":\"page\",\"name\":\"P\",\"messageId\":\"c\",\"anonymousId\":\"anon-7\"}\n"
                + track("d", "u-3", ",\"anonymousId\":\"anon-7\"");
        Cli.Result r = dryRun(in, "--user", users.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("a", "c", "d"), messageIds(r.out()));
        assertTrue(r.err().contains("user-filter 1"), r.err());
        Cli.Result missing = dryRun(in, "--user", tmp.resolve("none.txt").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("cannot read it (no such file)"), missing.err());
    }

    @Test
    void sampleKeepsWholeUsersAndIsTheSameEveryRun() throws Exception {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            in.append(track("m" + i, "user-" + (i % 200), ""));
        }
        Cli.Result a = dryRun(in.toString(), "--sample", "0.25");
        Cli.Result b = dryRun(in.toString(), "--sample", "0.25");
        assertEquals(a.out(), b.out(), "the same users every run");
        Set<String> kept = new TreeSet<>();
        int events = 0;
        for (String l : a.out().split("\n")) {
            JsonNode n = JSON.readTree(l);
            kept.add(n.at("/url").asText());
            events++;
        }
        assertEquals(kept.size() * 3, events, "every kept user keeps all three of its events");
        assertTrue(kept.size() > 25 && kept.size() < 75, "about a quarter of 200 users: " + kept.size());
        assertTrue(a.err().contains("sample-filter " + (600 - events)), a.err());
        assertEquals(2, dryRun("", "--sample", "1.5").exit());
    }

    @Test
    void limitStopsAtTheEndOfTheLineOfTheNthEventAndNeverSplitsABatch() throws Exception {
        String batch = "{\"batch\":[" + track("b1", "u", "").trim() + "," + track("b2", "u", "").trim() + ","
                + track("b3", "u", "").trim() + "]}\n";
        String in = track("a", "u", "") + "{\"type\":\"page\",\"messageId\":\"x\",\"userId\":\"u\"}\n" + batch
                + track("c", "u", "");
        Cli.Result r = dryRun(in, "--limit", "2", "--type", "track");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("a", "b1", "b2", "b3"), messageIds(r.out()));
        assertTrue(r.err().contains("reading stopped by --limit after 4 events were taken"), r.err());
        assertTrue(r.err().contains("3 lines read"), r.err());
        Cli.Result exact = dryRun(in, "--limit", "1");
        assertEquals(List.of("a"), messageIds(exact.out()));
        assertEquals(2, dryRun(in, "--limit", "0").exit());
    }

    @Test
    void compactMergesConsecutiveIdentifyCallsAndShowsTheSaving() throws Exception {
        Path outcomes = tmp.resolve("outcomes.ndjson");
        String in = "{\"type\":\"identify\",\"messageId\":\"i1\",\"userId\":\"u\",\"traits\":{\"a\":1,\"b\":1}}\n"
                + "{\"type\":\"identify\",\"messageId\":\"j1\",\"userId\":\"v\",\"traits\":{\"x\":1}}\n"
                + "{\"type\":\"identify\",\"messageId\":\"i2\",\"userId\":\"u\",\"traits\":{\"b\":2,\"c\":2}}\n"
                + track("t", "u", "")
                + "{\"type\":\"identify\",\"messageId\":\"i3\",\"userId\":\"u\",\"traits\":{\"d\":3}}\n";
        Cli.Result r = dryRun(in, "--compact", "--outcomes", outcomes.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("i2", "t", "j1", "i3"), messageIds(r.out()),
                "the merged call goes before u's track; v's is released at the end of the input");
        assertEquals("{\"a\":1,\"b\":2,\"c\":2}", JSON.readTree(lines.get(0)).get("body").toString());
        assertTrue(r.err().contains("compacted:     2 identify calls merged into 1 (1 fewer calls to send)"),
                r.err());
        String log = Files.readString(outcomes);
        assertTrue(log.contains("{\"file\":\"-\",\"line\":1,\"messageId\":\"i1\",\"outcome\":\"compacted\","
                + "\"reason\":\"merged-into-later-identify\"}"), log);
        assertEquals(5, log.lines().count(), "every event ends in exactly one place");
        Cli.Result plain = dryRun(in);
        assertEquals(List.of("i1", "j1", "i2", "t", "i3"), messageIds(plain.out()), "without --compact: as read");
    }

    @Test
    void aDeadLetteredBatchElementReplaysAsThatElement() throws Exception {
        Path dead = tmp.resolve("dead.ndjson");
        String line = "{\"userId\":\"r\",\"payload\":{\"batch\":[" + track("ok", "u", "").trim()
                + ",{\"type\":\"track\",\"messageId\":\"bad\",\"userId\":\"u\",\"event\":\"Fixed Later\","
                + "\"timestamp\":\"2024-02-30T00:00:00Z\"}],\"writeKey\":\"wk-SECRET-9\","
                + "\"receivedAt\":\"2024-03-01T00:00:00Z\"},\"messageId\":\"\"}\n";
        Cli.Result first = dryRun(line, "--dead-letter", dead.toString());
        assertEquals(1, first.exit(), first.err());
        String entry = Files.readString(dead);
        assertTrue(entry.contains("\"line\":1,\"index\":1,\"event\":{"), entry);
        assertFalse(entry.contains("SECRET"), entry);
        Files.writeString(dead, entry.replace("2024-02-30", "2024-02-28"));
        Cli.Result replay = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--dry-run", "--set",
                "siteId=s", "--set", "apiKey=k", dead.toString());
        assertEquals(0, replay.exit(), replay.err());
        assertEquals(List.of("bad"), messageIds(replay.out()));
        assertTrue(replay.out().contains("\"name\":\"Fixed Later\""), replay.out());
    }
}
