package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.send.rate.SharedRateUrl;
import io.cfsync.send.rate.SharedStore;
import io.cfsync.send.rate.redis.RedisStore;
import io.cfsync.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code cf-sync send} processes, one per shard with a ledger each, on one {@code --shared-rate} budget in a
 * real Redis against one vendor: together they keep the ceiling in every second and use it to the end; a vendor
 * whose real limit is lower brings the shared rate down for all; and Redis killed mid-run and restarted loses and
 * repeats nothing, while each worker says once that it sends alone.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SharedRateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY = Pattern.compile("(?m)^  delivered:\\s+([\\d,]+) events?$");

    /**
     * What the vendor may see above the ceiling in one second: one block of sending times (100 ms worth, 4 at 40/s)
     * by design, and as much again for requests admitted on time that reach the vendor late and together because
     * the machine is busy (several JVMs on two shared cores).
     */
    private static final int SLACK = 2 * 4;

    /**
     * Around a Redis restart, one block more: the restarted Redis is an empty, fresh budget that does not know what
     * the workers sent alone in the last second, so the first blocks after the rejoin can share a second with them.
     */
    private static final int REJOIN_SLACK = SLACK + 4;

    @TempDir
    static Path dir;
    static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")));
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    /** One process of a case: its files and its stderr. */
    private record Worker(Child child, Child.RunFiles files, Path stderr) {
    }

    @Test
    void twoThenFourWorkersKeepOneCeilingAndUseItToTheEnd() throws Exception {
        for (int n : new int[] {2, 4}) {
            Path input = input("spread-" + n, 300);
            try (RateStub vendor = new RateStub(0)) {
                List<Worker> workers = start("spread-" + n, n, input, vendor, 40, "spread-" + n);
                settle(workers, 300);
                StringBuilder notes = new StringBuilder();
                for (Worker w : workers) {
                    Files.readAllLines(w.stderr()).stream().filter(l -> l.contains("Redis")).forEach(l -> notes
                            .append(l).append('\n'));
                }
                assertEquals("", notes.toString(), "no worker lost the budget");
                assertTrue(vendor.busiestSecond(1) <= 40 + SLACK, n + " workers: " + vendor.busiestSecond(1)
                        + " requests in one second at a shared --rate 40; per second: " + vendor.perSecond());
                assertTrue(vendor.achieved(2) >= 40 * 0.9, n + " workers together sent " + vendor.achieved(2)
                        + "/s of 40/s from the third second to the last request; per second: " + vendor.perSecond());
                assertEquals(Map.of(), vendor.deliveredTwice());
                assertEquals(300, vendor.hits().size());
            }
        }
    }

    @Test
    void aLowerHiddenLimitLowersTheSharedRateForAll() throws Exception {
        Path input = input("hidden", 240);
        try (RateStub vendor = new RateStub(20)) {
            List<Worker> workers = start("hidden", 2, input, vendor, 50, "hidden");
            settle(workers, 240);
            try (RedisStore store = RedisStore.open(SharedRateUrl.parse(redis.url()), "hidden")) {
                SharedStore.Budget b = store.read();
                assertTrue(b.rate() < 50 * 0.8, "the shared rate after 429s above 20/s: " + b.rate());
            }
            for (Worker w : workers) {
                String err = Files.readString(w.stderr());
                assertTrue(err.contains("rate:          lowered by 429s"), "every worker follows the lower rate:\n"
                        + err);
            }
            assertEquals(Map.of(), vendor.deliveredTwice());
        }
    }

    @Test
    void redisKilledMidRunLosesNothingAndNeverRunsOverTheCeiling() throws Exception {
        Path input = input("killed", 240);
        try (RateStub vendor = new RateStub(0)) {
            List<Worker> workers = start("killed", 2, input, vendor, 40, "killed");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (vendor.hits().size() < 60 && System.nanoTime() - until < 0) {
                Thread.sleep(20);
            }
            redis.kill();
            Thread.sleep(1500);
            redis.restart();
            settle(workers, 240);
            assertTrue(vendor.busiestSecond(1) <= 40 + REJOIN_SLACK, vendor.busiestSecond(1)
                    + " requests in one second at a shared --rate 40 with Redis killed and back; per second: "
                    + vendor.perSecond());
            assertEquals(Map.of(), vendor.deliveredTwice());
            for (Worker w : workers) {
                String err = Files.readString(w.stderr());
                assertEquals(1, count(err, "sending alone at 20/s"), "the fallback note, once:\n" + err);
                assertTrue(!err.contains(redis.url() + "/"), err);
            }
        }
    }

    /** {@code n} track events, one user each, so a delivery shows as its own path. */
    private static Path input(String name, int n) throws IOException {
        Path f = dir.resolve(name + ".ndjson");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"type\":\"track\",\"event\":\"Ping\",\"userId\":\"u-").append(i)
                    .append("\",\"messageId\":\"m-").append(name).append('-').append(i)
                    .append("\",\"timestamp\":\"2024-03-01T10:00:00Z\",\"properties\":{\"n\":").append(i)
                    .append("}}\n");
        }
        Files.writeString(f, b);
        return f;
    }

    private static List<Worker> start(String name, int n, Path input, RateStub vendor, int rate, String key)
            throws IOException {
        List<Worker> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path work = Files.createDirectories(dir.resolve(name + "-" + i));
            Child.RunFiles f = new Child.RunFiles(input, work.resolve("state.db"), work.resolve("dead.ndjson"),
                    work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
            List<String> c = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), "io.cfsync.Main", "send", "--dest", "customerio",
                    "--set", "siteId=" + Child.SITE, "--base-url", vendor.baseUrl(), "--progress", "none",
                    "--rate", String.valueOf(rate), "--shared-rate", redis.url(), "--shared-rate-key", key,
                    "--shard", i + "/" + n, "--concurrency", "16", "--max-retries", "20", "--state",
                    f.state().toString(),
                    "--dead-letter", f.deadLetter().toString(), "--outcomes", f.outcomes().toString(),
                    input.toString()));
            Path err = work.resolve("stderr.txt");
            out.add(new Worker(Child.start(c, "key-1", f, err), f, err));
        }
        return out;
    }

    /** Waits for every worker, then checks: exit 0, each event delivered by exactly one, the summaries agree. */
    private static void settle(List<Worker> workers, int events) throws Exception {
        Set<Long> delivered = new HashSet<>();
        int summed = 0;
        for (Worker w : workers) {
            int code = w.child().await(120);
            String err = Files.readString(w.stderr());
            assertEquals(0, code, err);
            for (String line : Files.readAllLines(w.files().outcomes())) {
                JsonNode o = JSON.readTree(line);
                if ("delivered".equals(o.path("outcome").asText())) {
                    assertTrue(delivered.add(o.path("line").asLong()), "delivered by two shards: " + line);
                }
            }
            Matcher m = SUMMARY.matcher(err);
            assertTrue(m.find(), "summary line:\n" + err);
            summed += Integer.parseInt(m.group(1).replace(",", ""));
        }
        assertEquals(events, delivered.size(), "events delivered, none lost");
        assertEquals(events, summed, "delivered, as the summaries count them");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

}
