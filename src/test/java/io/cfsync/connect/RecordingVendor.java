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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Any vendor on 127.0.0.1 (a JDK HTTP server): logs every request (path, JSON body, the status it got) before
 * answering, and answers by a per-test function, which may block to hold answers back. Thread-safe.
 */
final class RecordingVendor implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the vendor read it, and when it had read it. */
    record Request(String path, JsonNode body, int status, long nanos) {
    }

    /** An answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static final Answer OK = new Answer(200, Map.of(), "{}");
    }

    /** Decides the answer to the {@code n}-th request (from 1). */
    interface Script {
        Answer answer(String path, JsonNode body, int n) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "recording-vendor");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> log = new ArrayList<>();
    private final Script script;
    private int count;

    RecordingVendor(Script script) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Request> log() {
        return new ArrayList<>(log);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        long arrived = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        JsonNode body = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        int n;
        synchronized (this) {
            n = ++count;
        }
        Answer a;
        try {
            a = script.answer(path, body, n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped", e);
        }
        synchronized (this) {
            log.add(new Request(path, body, a.status(), arrived));
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), out.length);
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
