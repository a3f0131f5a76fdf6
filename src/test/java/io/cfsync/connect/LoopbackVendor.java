package io.cfsync.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Customer.io-like vendor on 127.0.0.1 (a JDK HTTP server): records every track request when it has read it,
 * before answering, so the recording order is the order the vendor saw them; answers by a per-test script. A
 * request without the accepted credentials gets 401. Thread-safe.
 */
final class LoopbackVendor implements AutoCloseable {
    static final String SITE_ID = "site-1";
    static final String API_KEY = "key-s3cr3t-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Without it, the JDK server's small answers wait on Nagle's algorithm and delayed ACKs (tens of ms each).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request: the person in the URL, {@code data.seq} and {@code data.sentAt} of the body, the answer. */
    record Arrival(String user, int seq, long sentAtMillis, long arrivedMillis, int status) {
    }

    /** The answer to a request: a status (with a Retry-After, or -1), or a dropped connection when status is 0. */
    record Answer(int status, int retryAfter, String body) {
        static final Answer OK = new Answer(200, -1, "{}");
        static final Answer DROP = new Answer(0, -1, null);
    }

    /** Decides the answer; {@code attempt} counts this event's requests from 1 (by user and seq). */
    interface Script {
        Answer answer(String user, int seq, int attempt);
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "loopback-vendor");
        t.setDaemon(true);
        return t;
    });
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, Integer> attempts = new TreeMap<>();
    private final String accepted = "Basic " + Base64.getEncoder().encodeToString(
            (SITE_ID + ":" + API_KEY).getBytes(StandardCharsets.UTF_8));
    private volatile Script script = (u, s, a) -> Answer.OK;
    private volatile int delayMillis;
    private volatile String slowUser;
    private volatile int slowMillis;

    LoopbackVendor() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void script(Script s) {
        this.script = s;
    }

    /** Each answer waits this long first, so requests stay in flight for a while. */
    void delay(int millis) {
        this.delayMillis = millis;
    }

    /** The answers to {@code user}'s requests wait {@code millis} first: one slow user among fast ones. */
    void slow(String user, int millis) {
        this.slowUser = user;
        this.slowMillis = millis;
    }

    synchronized List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    synchronized void reset() {
        arrivals.clear();
        attempts.clear();
        script = (u, s, a) -> Answer.OK;
        delayMillis = 0;
        slowUser = null;
    }

    /** The seqs the vendor accepted (200) per user, in arrival order. */
    Map<String, List<Integer>> accepted() {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (Arrival a : arrivals()) {
            if (a.status() == 200) {
                out.computeIfAbsent(a.user(), k -> new ArrayList<>()).add(a.seq());
            }
        }
        return out;
    }

    /** Every seq that reached the vendor per user, in arrival order, whatever the answer. */
    Map<String, List<Integer>> seen() {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (Arrival a : arrivals()) {
            out.computeIfAbsent(a.user(), k -> new ArrayList<>()).add(a.seq());
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = ex.getRequestURI().getPath();
        String user = path.replaceFirst("^/api/v1/customers/([^/]+).*$", "$1");
        JsonNode data = body.length == 0 ? JSON.nullNode() : JSON.readTree(body).path("data");
        int seq = data.path("seq").asInt(-1);
        Answer answer;
        synchronized (this) {
            if (!accepted.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                answer = new Answer(401, -1, "{\"meta\":{\"error\":\"unauthorized\"}}");
            } else {
                int attempt = attempts.merge(user + "#" + seq, 1, Integer::sum);
                answer = script.answer(user, seq, attempt);
            }
            arrivals.add(new Arrival(user, seq, data.path("sentAt").asLong(0), System.currentTimeMillis(),
                    answer.status()));
        }
        int wait = user.equals(slowUser) ? slowMillis : delayMillis;
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.status() == 0) {
            // Read, never answered: the server drops the connection when a handler throws.
            throw new IOException("dropped on purpose");
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.retryAfter() >= 0) {
            ex.getResponseHeaders().add("Retry-After", Integer.toString(answer.retryAfter()));
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(answer.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
