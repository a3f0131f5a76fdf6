package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class LanesTest {
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private record Item(String key, int n) {
    }

    @Test
    void oneKeyRunsInOrderAndKeysRunInParallel() throws Exception {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        Lanes<Item> lanes = new Lanes<>(4, 16, (item, done) -> {
            if (busy.computeIfAbsent(item.key(), k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.add(item.key());
            }
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            seen.computeIfAbsent(item.key(), k -> new CopyOnWriteArrayList<>()).add(item.n());
            pool.schedule(() -> {
                busy.get(item.key()).decrementAndGet();
                running.decrementAndGet();
                done.run();
            }, ThreadLocalRandom.current().nextInt(3), TimeUnit.MILLISECONDS);
        });
        for (int i = 0; i < 600; i++) {
            assertTrue(lanes.offer("user-" + (i % 7), new Item("user-" + (i % 7), i)));
        }
        lanes.awaitIdle();
        assertTrue(overlaps.isEmpty(), "a key ran twice at once: " + overlaps);
        assertTrue(maxRunning.get() <= 4, "parallelism exceeded: " + maxRunning.get());
        assertTrue(maxRunning.get() > 1, "keys never ran in parallel");
        int total = 0;
        for (Map.Entry<String, List<Integer>> e : seen.entrySet()) {
            List<Integer> ns = e.getValue();
            for (int i = 1; i < ns.size(); i++) {
                assertTrue(ns.get(i - 1) < ns.get(i), e.getKey() + " out of order: " + ns);
            }
            total += ns.size();
        }
        assertEquals(600, total);
        assertEquals(0, lanes.pending());
    }

    @Test
    void offerBlocksWhenFullAndCloseReturnsWhatNeverStarted() throws Exception {
        List<Runnable> held = new CopyOnWriteArrayList<>();
        Lanes<Item> lanes = new Lanes<>(2, 5, (item, done) -> held.add(done));
        for (int i = 0; i < 5; i++) {
            assertTrue(lanes.offer("k" + i, new Item("k" + i, i)));
        }
        assertEquals(2, held.size(), "only two may run");
        CountDownLatch offered = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                lanes.offer("late", new Item("late", 99));
                offered.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        assertFalse(offered.await(200, TimeUnit.MILLISECONDS), "offer must block while five are pending");
        held.get(0).run();
        assertTrue(offered.await(5, TimeUnit.SECONDS), "a finished item frees room");
        List<Item> left = new ArrayList<>(lanes.close());
        assertEquals(3, left.size(), "queued but not started: " + left);
        assertFalse(lanes.offer("after", new Item("after", 100)), "closed lanes refuse work");
        for (int i = 1; i < held.size(); i++) {
            held.get(i).run();
        }
        lanes.awaitIdle();
        assertEquals(0, lanes.pending());
    }

    /** An item naming several keys, numbered in offer order. */
    private record Multi(int n, List<String> keys) {
    }

    @Test
    void anItemNamingTwoKeysWaitsForBothAndHoldsBackLaterItemsOfEither() throws Exception {
        List<Multi> started = new ArrayList<>();
        Map<Integer, Runnable> held = new HashMap<>();
        Lanes<Multi> lanes = new Lanes<>(8, 64, (item, done) -> {
            started.add(item);
            held.put(item.n(), done);
        });
        Multi anon = new Multi(0, List.of("anon"));
        Multi user = new Multi(1, List.of("user"));
        Multi identify = new Multi(2, List.of("user", "anon"));
        Multi laterAnon = new Multi(3, List.of("anon"));
        Multi laterUser = new Multi(4, List.of("user"));
        Multi other = new Multi(5, List.of("other"));
        for (Multi m : List.of(anon, user, identify, laterAnon, laterUser, other)) {
            assertTrue(lanes.offer(m.keys(), m));
        }
        assertEquals(List.of(anon, user, other), started, "the joining item waits; an unrelated key does not");
        held.get(0).run();
        assertEquals(List.of(anon, user, other), started, "still waiting for the user's earlier item");
        held.get(1).run();
        assertEquals(List.of(anon, user, other, identify), started);
        held.get(2).run();
        assertEquals(Set.of(laterAnon, laterUser), Set.copyOf(started.subList(4, 6)),
                "later items of both keys go once it finished");
        held.get(3).run();
        held.get(4).run();
        held.get(5).run();
        lanes.awaitIdle();
        assertEquals(0, lanes.keys(), "no key outlives its items");
    }

    /**
     * Random items over a few keys (one to three each), offered and finished in a random, seeded interleaving on
     * this thread. At every step: an item starts only after every earlier item sharing a key finished, no two
     * running items share a key, parallelism and capacity hold, and the lanes are work-conserving (every item whose
     * earlier items of all its keys finished is running while a slot is free), which also rules out a deadlock.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomInterleavingsKeepEveryKeysOrder(long seed) throws Exception {
        Random random = new Random(seed);
        int parallelism = 1 + random.nextInt(6);
        int capacity = parallelism + random.nextInt(20);
        int total = 400;
        String[] pool = new String[2 + random.nextInt(10)];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = "k" + i;
        }
        List<Multi> offered = new ArrayList<>();
        Set<Integer> finished = new HashSet<>();
        Map<Integer, Runnable> running = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        Lanes<Multi> lanes = new Lanes<>(parallelism, capacity, (item, done) -> {
            for (Multi earlier : offered.subList(0, item.n())) {
                if (!finished.contains(earlier.n()) && shares(earlier, item)) {
                    violations.add(item + " started before " + earlier);
                }
            }
            running.put(item.n(), done);
        });
        while (finished.size() < total) {
            boolean canOffer = offered.size() < total && lanes.pending() < capacity;
            if (canOffer && (running.isEmpty() || random.nextInt(3) > 0)) {
                List<String> keys = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    keys.add(pool[random.nextInt(pool.length)]);
                }
                Multi m = new Multi(offered.size(), keys);
                offered.add(m);
                assertTrue(lanes.offer(keys, m));
            } else {
                assertFalse(running.isEmpty(), "nothing runs yet items are pending: a deadlock");
                List<Integer> ids = new ArrayList<>(running.keySet());
                int n = ids.get(random.nextInt(ids.size()));
                Runnable done = running.remove(n);
                finished.add(n);
                done.run();
            }
            assertTrue(violations.isEmpty(), violations.toString());
            assertTrue(running.size() <= parallelism, "parallelism exceeded");
            assertTrue(lanes.pending() <= capacity, "capacity exceeded");
            assertEquals(offered.size() - finished.size(), lanes.pending());
            int eligible = 0;
            for (Multi m : offered) {
                if (!finished.contains(m.n()) && !running.containsKey(m.n()) && runnable(m, offered, finished)) {
                    eligible++;
                }
            }
            assertTrue(eligible == 0 || running.size() == parallelism,
                    eligible + " items could run but only " + running.size() + " of " + parallelism + " run");
            for (int a : running.keySet()) {
                for (int b : running.keySet()) {
                    assertTrue(a == b || !shares(offered.get(a), offered.get(b)), "two running items share a key");
                }
            }
        }
        lanes.awaitIdle();
        assertEquals(0, lanes.pending());
        assertEquals(0, lanes.keys());
    }

    private static boolean shares(Multi a, Multi b) {
        return a.keys().stream().anyMatch(b.keys()::contains);
    }

    private static boolean runnable(Multi m, List<Multi> offered, Set<Integer> finished) {
        for (Multi earlier : offered.subList(0, m.n())) {
            if (!finished.contains(earlier.n()) && shares(earlier, m)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void closeReturnsEachWaitingMultiKeyItemOnceAndLetsRunningOnesFinish() throws Exception {
        Map<Integer, Runnable> held = new HashMap<>();
        Lanes<Multi> lanes = new Lanes<>(4, 16, (item, done) -> held.put(item.n(), done));
        lanes.offer(List.of("a"), new Multi(0, List.of("a")));
        lanes.offer(List.of("a", "b"), new Multi(1, List.of("a", "b")));
        lanes.offer(List.of("b", "c"), new Multi(2, List.of("b", "c")));
        lanes.offer(List.of("d", "d"), new Multi(3, List.of("d", "d")));
        assertEquals(Set.of(0, 3), held.keySet());
        List<Multi> left = lanes.close();
        assertEquals(List.of(1, 2), left.stream().map(Multi::n).sorted().toList(), "each waiting item once");
        assertEquals(2, lanes.pending());
        held.get(0).run();
        held.get(3).run();
        lanes.awaitIdle();
        assertEquals(Set.of(0, 3), held.keySet(), "nothing started after close");
        assertEquals(0, lanes.keys());
    }

    /** Real threads, seeded keys: per key, items start in offer order and never overlap. */
    @Test
    void multiKeyItemsKeepOrderUnderRealConcurrency() throws Exception {
        Random random = new Random(42);
        Map<String, List<Integer>> startsByKey = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        Lanes<Multi> lanes = new Lanes<>(6, 32, (item, done) -> {
            for (String k : item.keys()) {
                if (busy.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.add(k);
                }
                startsByKey.computeIfAbsent(k, x -> new CopyOnWriteArrayList<>()).add(item.n());
            }
            pool.schedule(() -> {
                for (String k : item.keys()) {
                    busy.get(k).decrementAndGet();
                }
                done.run();
            }, item.n() % 3, TimeUnit.MILLISECONDS);
        });
        Map<String, List<Integer>> offeredByKey = new HashMap<>();
        for (int i = 0; i < 1500; i++) {
            int user = random.nextInt(60);
            List<String> keys = random.nextInt(4) == 0 ? List.of("user-" + user, "anon-" + user)
                    : List.of(random.nextBoolean() ? "user-" + user : "anon-" + user);
            for (String k : keys) {
                offeredByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
            assertTrue(lanes.offer(keys, new Multi(i, keys)));
        }
        lanes.awaitIdle();
        assertTrue(overlaps.isEmpty(), "a key ran twice at once: " + overlaps);
        assertEquals(offeredByKey, startsByKey, "per key, items started in offer order");
        assertEquals(0, lanes.keys());
    }
}
