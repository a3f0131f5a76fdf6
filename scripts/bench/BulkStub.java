import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kustomer's customer endpoints on loopback, for bench-bulk. A budget of BUDGET requests per minute window (every
 * request counts, bulk or not, as Kustomer counts one bulk request as one unit): past it, 429 with Retry-After up
 * to the window's end. POST /v1/customers/bulk answers 201 with a job id; the job is queued for the first half of
 * DELAY_MS, running for the second, then complete; GET /v1/bulk/{id}/batches names each _clientRef created, or an
 * item error: externalIds ending in 07 (1%) are "email is invalid", those ending in 003 (0.1%) exist already
 * ("duplicate detected", and their lookups find them). Single requests:
 * lookups find the existing ones, POST /v1/customers creates (or 400s the invalid ones), PUT updates.
 *
 * GET /__stats answers {"requests","throttled","submits","polls","results","singles"}; POST /__reset forgets.
 * Run: java BulkStub.java PORT_FILE BUDGET DELAY_MS
 */
public final class BulkStub {
    private static final Pattern EXT = Pattern.compile("\"externalId\":\"([^\"]*)\"");
    private static final Pattern REF = Pattern.compile("\"_clientRef\":\"([^\"]*)\"");
    private static final Map<String, long[]> JOBS = new ConcurrentHashMap<>();
    private static final Map<String, List<String[]>> ITEMS = new ConcurrentHashMap<>();
    private static int budget;
    private static long delayNanos;
    private static long windowStart;
    private static int inWindow;
    private static long requests, throttled, submits, polls, results, singles, jobIds;

    public static void main(String[] args) throws Exception {
        budget = Integer.parseInt(args[1]);
        delayNanos = Long.parseLong(args[2]) * 1_000_000L;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", BulkStub::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
        Files.move(tmp, Path.of(args[0]));
    }

    private static void handle(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        if (path.startsWith("/__")) {
            synchronized (BulkStub.class) {
                if (method.equals("POST")) {
                    requests = throttled = submits = polls = results = singles = 0;
                    windowStart = 0;
                    inWindow = 0;
                }
                reply(ex, 200, String.format("{\"requests\":%d,\"throttled\":%d,\"submits\":%d,\"polls\":%d,"
                        + "\"results\":%d,\"singles\":%d}", requests, throttled, submits, polls, results, singles));
            }
            return;
        }
        long wait = admit();
        if (wait > 0) {
            ex.getResponseHeaders().add("Retry-After", Long.toString(wait));
            reply(ex, 429, "{\"errors\":[{\"status\":429,\"title\":\"rate limited\"}]}");
            return;
        }
        if (method.equals("POST") && path.equals("/v1/customers/bulk")) {
            String id = "job-" + count("submits");
            JOBS.put(id, new long[] {System.nanoTime()});
            List<String[]> items = new ArrayList<>();
            Matcher r = REF.matcher(body);
            Matcher e = EXT.matcher(body);
            while (r.find() && e.find()) {
                items.add(new String[] {r.group(1), e.group(1)});
            }
            ITEMS.put(id, items);
            reply(ex, 201, "{\"data\":{\"type\":\"bulk\",\"id\":\"" + id + "\",\"status\":\"queued\"}}");
        } else if (method.equals("GET") && path.startsWith("/v1/bulk/")) {
            String rest = path.substring("/v1/bulk/".length());
            boolean batches = rest.endsWith("/batches");
            String id = batches ? rest.substring(0, rest.length() - 8) : rest;
            long[] job = JOBS.get(id);
            if (job == null) {
                reply(ex, 404, "{\"errors\":[{\"status\":404}]}");
                return;
            }
            long age = System.nanoTime() - job[0];
            if (batches) {
                count("results");
                reply(ex, 200, results(ITEMS.get(id)));
            } else {
                count("polls");
                String s = age < delayNanos / 2 ? "queued" : age < delayNanos ? "running" : "complete";
                reply(ex, 200, "{\"data\":{\"type\":\"bulk\",\"id\":\"" + id + "\",\"attributes\":{\"status\":\""
                        + s + "\"}}}");
            }
        } else {
            count("singles");
            single(ex, method, path, body);
        }
    }

    private static void single(HttpExchange ex, String method, String path, String body) throws IOException {
        if (method.equals("GET")) {
            String who = path.substring(path.indexOf('=') + 1);
            if (path.contains("externalId=") && exists(who)) {
                reply(ex, 200, "{\"data\":{\"id\":\"c-" + who + "\"}}");
            } else {
                reply(ex, 404, "{\"errors\":[{\"status\":404}]}");
            }
        } else if (method.equals("POST") && path.equals("/v1/customers")) {
            Matcher e = EXT.matcher(body);
            boolean bad = e.find() && invalid(e.group(1));
            reply(ex, bad ? 400 : 201, bad ? "{\"errors\":[{\"status\":400,\"title\":\"email is invalid\"}]}" : "{}");
        } else {
            reply(ex, 200, "{}");
        }
    }

    private static String results(List<String[]> items) {
        StringBuilder b = new StringBuilder("[{\"results\":[");
        for (int i = 0; i < items.size(); i++) {
            String ref = items.get(i)[0];
            String ext = items.get(i)[1];
            b.append(i == 0 ? "" : ",").append("{\"_clientRef\":\"").append(ref).append("\",");
            if (invalid(ext)) {
                b.append("\"status\":\"error\",\"error\":\"email is invalid\"}");
            } else if (exists(ext)) {
                b.append("\"status\":\"error\",\"error\":\"duplicate detected\"}");
            } else {
                b.append("\"objectId\":\"c-").append(ext).append("\",\"status\":\"created\"}");
            }
        }
        return b.append("]}]").toString();
    }

    private static boolean invalid(String ext) {
        return ext.endsWith("07");
    }

    private static boolean exists(String ext) {
        return ext.endsWith("003");
    }

    /** Seconds until the window has room again, or 0 when this request is within the budget. */
    private static synchronized long admit() {
        requests++;
        long now = System.nanoTime();
        if (windowStart == 0 || now - windowStart >= 60_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= budget) {
            throttled++;
            return Math.max(1, (60_000_000_000L - (now - windowStart)) / 1_000_000_000L + 1);
        }
        inWindow++;
        return 0;
    }

    private static synchronized long count(String what) {
        switch (what) {
            case "submits": return ++submits;
            case "polls": return ++polls;
            case "results": return ++results;
            default: return ++singles;
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
