package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.send.rate.redis.RedisStore;
import io.cfsync.testkit.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers on one budget in a real Redis: together they keep its rate, the rate one cuts is the rate all follow,
 * the registry lists them, and a Redis that restarted (forgetting the script) is used again without a word.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedBudgetIT {
    @TempDir
    static Path dir;
    static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(dir);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static SharedPacer pacer(String key, String id, double ceiling, List<String> notes) {
        SharedRateUrl url = SharedRateUrl.parse(redis.url());
        return new SharedPacer(RedisStore.open(url, key), url.shown(), id, id, ceiling, System::nanoTime,
                notes::add);
    }

    /** Reserves {@code n} sending times and returns them; each reservation is taken once its predecessor is due. */
    private static List<Long> send(SharedPacer p, int n) throws InterruptedException {
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long now = System.nanoTime();
            long wait = p.reserve(now);
            at.add(now + wait);
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return at;
    }

    @Test
    void twoWorkersTogetherKeepOneCeiling() throws Exception {
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        try (SharedPacer a = pacer("two", "a", 40, notes); SharedPacer b = pacer("two", "b", 40, notes)) {
            List<Long> all = Collections.synchronizedList(new ArrayList<>());
            Thread ta = new Thread(() -> run(a, all));
            Thread tb = new Thread(() -> run(b, all));
            ta.start();
            tb.start();
            ta.join();
            tb.join();
            List<Long> sorted = new ArrayList<>(all);
            Collections.sort(sorted);
            int block = SharedPacer.maxBlock(40);
            for (int i = 0; i < sorted.size(); i++) {
                int j = i;
                while (j < sorted.size() && sorted.get(j) - sorted.get(i) < 1_000_000_000L) {
                    j++;
                }
                assertTrue(j - i <= 40 + block, (j - i) + " sending times in one second at a budget of 40/s");
            }
            double seconds = (sorted.get(sorted.size() - 1) - sorted.get(0)) / 1e9;
            double achieved = (sorted.size() - 1) / seconds;
            assertTrue(achieved >= 40 * 0.9, "together the workers reached " + achieved + "/s of 40/s");
            assertTrue(a.roundTrips() + b.roundTrips() <= sorted.size() / 2,
                    "round trips: " + (a.roundTrips() + b.roundTrips()) + " for " + sorted.size() + " permits");
            assertEquals(List.of(), notes);
        }
    }

    private static void run(SharedPacer p, List<Long> all) {
        try {
            all.addAll(send(p, 60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCutByOneWorkerIsFollowedByTheOther() throws Exception {
        List<String> notes = new ArrayList<>();
        try (SharedPacer a = pacer("cut", "a", 50, notes); SharedPacer b = pacer("cut", "b", 50, notes)) {
            double[] followedByB = {Double.NaN};
            a.adapt(() -> 20, r -> { });
            b.adapt(() -> 50, r -> followedByB[0] = r);
            send(a, 2);
            send(b, 1);
            assertEquals(20, followedByB[0], 0.01, "the rate b follows after a's cut");
            SharedStore.Budget budget = RedisStore.open(SharedRateUrl.parse(redis.url()), "cut").read();
            assertEquals(20, budget.rate(), 0.01);
            assertEquals(50, budget.ceiling(), 0.01);
        }
    }

    @Test
    void theRegistryListsWorkersWithTheirLabels() throws Exception {
        try (SharedPacer a = pacer("reg", "shard 0/2", 20, new ArrayList<>());
             SharedPacer b = pacer("reg", "shard 1/2", 20, new ArrayList<>());
             RedisStore reader = RedisStore.open(SharedRateUrl.parse(redis.url()), "reg")) {
            a.start();
            b.start();
            send(a, 3);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reader.read().workers().size() < 2 && System.nanoTime() - until < 0) {
                Thread.sleep(50);
            }
            List<SharedStore.Worker> w = reader.read().workers();
            assertEquals(List.of("shard 0/2", "shard 1/2"), w.stream().map(SharedStore.Worker::label).toList());
        }
    }

    @Test
    void statusListsTheBudgetItsRateAndItsWorkers() throws Exception {
        try (SharedPacer a = pacer("status", "shard 1/2", 20, new ArrayList<>())) {
            a.start();
            send(a, 3);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            io.cfsync.testkit.Cli.Result r;
            do {
                Thread.sleep(50);
                r = io.cfsync.testkit.Cli.run("status", "--shared-rate", redis.url(), "--shared-rate-key", "status",
                        "--json");
            } while (!(r.out().contains("shard 1/2") && r.out().matches("(?s).*\"sharePercent\"\\s*:\\s*100\\b.*"))
                    && System.nanoTime() - until < 0);
            assertEquals(0, r.exit(), r.err());
            com.fasterxml.jackson.databind.JsonNode b = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(r.out()).path("budgets").path(0);
            assertEquals("status", b.path("name").asText());
            assertEquals(20.0, b.path("ceiling").asDouble(), 0.01);
            assertEquals("shard 1/2", b.path("workers").path(0).path("label").asText());
            assertEquals(100, b.path("workers").path(0).path("sharePercent").asInt());
            io.cfsync.testkit.Cli.Result text = io.cfsync.testkit.Cli.run("status", "--shared-rate", redis.url());
            assertTrue(text.out().contains("shared rate budget status at redis://127.0.0.1:" + redis.port()),
                    text.out());
            assertTrue(text.out().contains("ceiling 20/s, rate now 20/s"), text.out());
        }
    }

    @Test
    void anUnreachableRedisIsAUsageErrorThatHidesThePassword() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        io.cfsync.testkit.Cli.Result r = io.cfsync.testkit.Cli.run(new byte[0], java.util.Map.of(
                "CF_SYNC_CUSTOMERIO_API_KEY", "key-12345"), "send", "--dest", "customerio", "--set", "siteId=s",
                "--shared-rate", "redis://app:pw-hunter22@127.0.0.1:" + port, "--progress", "none");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--shared-rate Redis at redis://app:<redacted>@127.0.0.1:" + port
                + " cannot be reached"), r.err());
        assertFalse((r.out() + r.err()).contains("hunter22"), r.err());
    }

    @Test
    void aRestartedRedisIsRejoinedAfterOneNote() throws Exception {
        List<String> notes = new ArrayList<>();
        try (SharedPacer a = pacer("restart", "a", 20, notes)) {
            send(a, 3);
            redis.kill();
            send(a, 25);
            assertTrue(a.alone());
            redis.restart();
            Thread.sleep(1100);
            send(a, 25);
            assertFalse(a.alone(), "the worker is back on the budget");
            assertEquals(2, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("sending alone at 20/s"), notes.get(0));
            assertTrue(notes.get(1).contains("answers again"), notes.get(1));
        }
    }
}
