package io.cfsync.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Kustomer's bulk customer endpoints on 127.0.0.1, for runs that are killed between a submit and its results: a
 * submit answers 201 with a new job id; the job stays {@code queued} until {@link #complete} is set, then every
 * item is {@code created}. Lookups find nobody; single writes and tracking events succeed. Keeps a log of every
 * request ({@code METHOD path}) and of every customer created (by bulk item or single create). Bounded: 8 threads.
 * Thread-safe.
 */
final class BulkJobStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final Map<String, ArrayNode> jobs = new ConcurrentHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger jobIds = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> created = new ArrayList<>();
    volatile boolean complete;
    /**
     * A status to answer instead, given {@code METHOD path} and how many such requests came before it (0 for the
     * first); 0 answers normally. A job answered 404 is forgotten, as a vendor that lost it.
     */
    volatile java.util.function.BiFunction<String, Long, Integer> fault = (request, before) -> 0;

    BulkJobStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<String> log() {
        return new ArrayList<>(log);
    }

    /** Customers created, by externalId, in the order they were created. */
    synchronized List<String> created() {
        return new ArrayList<>(created);
    }

    synchronized long count(String request) {
        return log.stream().filter(request::equals).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] in;
        try (InputStream s = ex.getRequestBody()) {
            in = s.readAllBytes();
        }
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        long before;
        synchronized (this) {
            before = count(method + " " + path);
            log.add(method + " " + path);
        }
        int faulted = fault.apply(method + " " + path, before);
        int status = 200;
        String body = "{}";
        if (faulted != 0) {
            status = faulted;
            body = "{\"errors\":[{\"status\":" + status + "}]}";
            if (status == 404 && path.startsWith("/v1/bulk/")) {
                jobs.remove(path.substring("/v1/bulk/".length()).replace("/batches", ""));
            }
            if (status == 429) {
                ex.getResponseHeaders().add("Retry-After", "1");
            }
        } else if (method.equals("POST") && path.equals("/v1/customers/bulk")) {
            String id = "job-" + jobIds.incrementAndGet();
            jobs.put(id, (ArrayNode) JSON.readTree(in));
            status = 201;
            body = "{\"data\":{\"type\":\"bulk\",\"id\":\"" + id + "\",\"status\":\"queued\"}}";
        } else if (method.equals("GET") && path.startsWith("/v1/bulk/")) {
            String rest = path.substring("/v1/bulk/".length());
            String id = rest.replace("/batches", "");
            if (!jobs.containsKey(id)) {
                status = 404;
            } else if (rest.endsWith("/batches")) {
                body = results(jobs.get(id));
            } else {
                body = "{\"data\":{\"id\":\"" + id + "\",\"attributes\":{\"status\":\""
                        + (complete ? "complete" : "queued") + "\"}}}";
            }
        } else if (method.equals("GET")) {
            status = 404;
        } else if (method.equals("POST") && path.equals("/v1/customers")) {
            status = 201;
            synchronized (this) {
                created.add(JSON.readTree(in).path("externalId").asText());
            }
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private synchronized String results(ArrayNode items) {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode item : items) {
            ObjectNode r = results.addObject();
            r.put("_clientRef", item.path("_clientRef").asText());
            r.put("status", "created");
            created.add(item.path("externalId").asText());
        }
        ObjectNode batch = JSON.createObjectNode();
        batch.set("results", results);
        return "[" + batch + "]";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
