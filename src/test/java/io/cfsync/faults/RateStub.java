package io.cfsync.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Customer.io-like vendor on 127.0.0.1 that records when each request arrived, for checking a combined rate
 * across processes; with a hidden capacity it answers 429 to a request that would make more than that many
 * accepted in the last second, as a vendor whose real limit is below the configured rate. Bounded: 16 threads,
 * at most {@link #MAX} recorded requests. Thread-safe.
 */
final class RateStub implements AutoCloseable {
    static final int MAX = 100_000;

    /** One request: when it arrived ({@link System#nanoTime()}), its path, and the status it got. */
    record Hit(long at, String path, int status) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final int capacity;
    private final List<Hit> hits = new ArrayList<>();
    private final Deque<Long> accepted = new ArrayDeque<>();

    /** @param capacity requests accepted per second at most, or 0 for no limit */
    RateStub(int capacity) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.capacity = capacity;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        int status = answer(ex.getRequestURI().getPath());
        byte[] body = (status == 200 ? "{}" : "{\"meta\":{\"error\":\"rate limited\"}}")
                .getBytes(StandardCharsets.UTF_8);
        if (status == 429) {
            ex.getResponseHeaders().add("Retry-After", "1");
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private synchronized int answer(String path) {
        long now = System.nanoTime();
        while (!accepted.isEmpty() && now - accepted.peekFirst() >= 1_000_000_000L) {
            accepted.removeFirst();
        }
        int status = capacity > 0 && accepted.size() >= capacity ? 429 : 200;
        if (status == 200) {
            accepted.addLast(now);
        }
        if (hits.size() < MAX) {
            hits.add(new Hit(now, path, status));
        }
        return status;
    }

    synchronized List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** Paths answered 200 more than once: events delivered twice. */
    synchronized Map<String, Integer> deliveredTwice() {
        Map<String, Integer> n = new HashMap<>();
        for (Hit h : hits) {
            if (h.status() == 200) {
                n.merge(h.path(), 1, Integer::sum);
            }
        }
        n.values().removeIf(c -> c < 2);
        return n;
    }

    /** The most requests that arrived within any one second. */
    synchronized int busiestSecond() {
        return busiestSecond(0);
    }

    /**
     * The most requests that arrived within any one second from {@code skip} seconds after the first: in the first
     * seconds, requests admitted on time by the pacing can still reach the wire late and together while the JVMs
     * warm up.
     */
    synchronized int busiestSecond(int skip) {
        int most = 0;
        long from = hits.isEmpty() ? 0 : hits.get(0).at() + skip * 1_000_000_000L;
        int j = 0;
        while (j < hits.size() && hits.get(j).at() - from < 0) {
            j++;
        }
        for (int i = j; i < hits.size(); i++) {
            while (hits.get(i).at() - hits.get(j).at() >= 1_000_000_000L) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    /**
     * Requests per second from {@code skip} seconds after the first arrival to the last: the first seconds are the
     * workers' JVMs warming up, on a machine that may be busy with other work.
     */
    synchronized double achieved(int skip) {
        if (hits.size() < 2) {
            return 0;
        }
        long from = hits.get(0).at() + skip * 1_000_000_000L;
        List<Hit> after = hits.stream().filter(h -> h.at() - from >= 0).toList();
        return after.size() < 2 ? 0 : (after.size() - 1) / ((after.get(after.size() - 1).at() - after.get(0).at())
                / 1e9);
    }

    /** Requests per second since the first, second by second, for a failure message. */
    synchronized String perSecond() {
        if (hits.isEmpty()) {
            return "[]";
        }
        int[] n = new int[(int) ((hits.get(hits.size() - 1).at() - hits.get(0).at()) / 1_000_000_000L) + 1];
        for (Hit h : hits) {
            n[(int) ((h.at() - hits.get(0).at()) / 1_000_000_000L)]++;
        }
        return java.util.Arrays.toString(n);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
