package io.cfsync.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Customer.io-like vendor on 127.0.0.1 that always fails one person's requests with a 500 ("poison": nothing a
 * retry can fix) and answers everyone else's with 200; its check request ({@value #CHECK}, what {@code cf-sync
 * check} sends) answers a status the test sets, 200 for a vendor that is up, 500 for one that is down. Every request
 * is recorded in arrival order with its answer. Bounded: 4 threads, at most {@link #MAX} recorded requests.
 * Thread-safe.
 */
final class PoisonVendor implements AutoCloseable {
    static final String CHECK = "/api/v1/accounts/region";
    static final int MAX = 10_000;

    /** One request: its method, path, Authorization header and the status it got. */
    record Hit(String method, String path, String authorization, int status) {
        boolean check() {
            return path.equals(CHECK);
        }

        /** Whether it carried {@code user}'s event (Customer.io puts the person in the path). */
        boolean of(String user) {
            return path.startsWith("/api/v1/customers/" + user + "/");
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Set<String> poisoned;
    private final List<Hit> hits = new ArrayList<>();
    private volatile int checkStatus;

    /** @param poisoned the people whose every request fails with 500 */
    PoisonVendor(Set<String> poisoned, int checkStatus) throws IOException {
        this.poisoned = Set.copyOf(poisoned);
        this.checkStatus = checkStatus;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, the check request answers {@code status}. */
    void checkAnswers(int status) {
        checkStatus = status;
    }

    synchronized List<Hit> hits() {
        return List.copyOf(hits);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        String path = ex.getRequestURI().getRawPath();
        int status = path.equals(CHECK) ? checkStatus
                : poisoned.stream().anyMatch(u -> path.startsWith("/api/v1/customers/" + u + "/")) ? 500 : 200;
        synchronized (this) {
            if (hits.size() < MAX) {
                hits.add(new Hit(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Authorization"),
                        status));
            }
        }
        byte[] body = (status == 200 ? "{}" : "{\"meta\":{\"error\":\"internal error\"}}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (status == 500) {
            ex.getResponseHeaders().add("Retry-After", "0"); // keeps the retries, and so the case, short
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
