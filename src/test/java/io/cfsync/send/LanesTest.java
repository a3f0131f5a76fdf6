package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
