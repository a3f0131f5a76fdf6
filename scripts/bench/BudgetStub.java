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
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;

/**
 * A vendor with a hidden capacity, for bench-budget: a token bucket of CAPACITY requests per second (holding at most
 * one second's worth, as "N requests per second" limits usually allow) answers 429 with Retry-After: 1 to any
 * request beyond it; on top of that a fixed
 * SHARE of requests, drawn from a seeded generator, is answered 429 with Retry-After: 1 whatever the load. Every
 * other request gets 200 {}. Loopback only.
 *
 * GET /__stats?skip=S answers {"requests","accepted","throttled","seconds","acceptedPerSecond"}: the time runs from
 * S seconds after the first request to the last, and acceptedPerSecond is what the vendor really took in over it
 * (skipping the start-up leaves the steady state). POST /__reset?share=S forgets everything, refills the bucket and
 * sets the random share (0..1).
 *
 * Run: java BudgetStub.java PORT_FILE CAPACITY [THREADS]
 */
public final class BudgetStub {
    private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SLOW = "{\"meta\":{\"error\":\"rate limited\"}}".getBytes(StandardCharsets.UTF_8);
    private static double capacity;
    private static double share;
    private static double tokens;
    private static long refilledAt;
    private static SplittableRandom random;
    private static final int MAX = 2_000_000;
    private static final long[] ACCEPTED_AT = new long[MAX];
    private static long requests;
    private static long accepted;
    private static long first;
    private static long last;

    public static void main(String[] args) throws IOException {
        capacity = Double.parseDouble(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        reset(0);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", BudgetStub::handle);
        server.start();
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
        Files.move(tmp, Path.of(args[0]));
    }

    private static synchronized void reset(double s) {
        share = s;
        tokens = capacity;
        refilledAt = System.nanoTime();
        random = new SplittableRandom(42);
        requests = 0;
        accepted = 0;
    }

    /** Whether the vendor takes a request arriving now. */
    private static synchronized boolean take() {
        long now = System.nanoTime();
        if (requests++ == 0) {
            first = now;
        }
        last = now;
        tokens = Math.min(capacity, tokens + (now - refilledAt) * capacity / 1e9);
        refilledAt = now;
        if (random.nextDouble() < share || tokens < 1) {
            return false;
        }
        tokens -= 1;
        if (accepted < MAX) {
            ACCEPTED_AT[(int) accepted] = now;
        }
        accepted++;
        return true;
    }

    private static synchronized String stats(double skip) {
        long from = first + (long) (skip * 1e9);
        long counted = 0;
        for (int i = 0; i < Math.min(accepted, MAX); i++) {
            if (ACCEPTED_AT[i] >= from) {
                counted++;
            }
        }
        double seconds = requests > 1 && last > from ? (last - from) / 1e9 : 0;
        return String.format(Locale.ROOT, "{\"requests\":%d,\"accepted\":%d,\"throttled\":%d,\"seconds\":%.2f,"
                + "\"acceptedPerSecond\":%.1f}", requests, accepted, requests - accepted, seconds,
                seconds > 0 ? counted / seconds : 0.0);
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String path = ex.getRequestURI().getPath();
        byte[] body = OK;
        int status = 200;
        if (path.equals("/__stats")) {
            String q = ex.getRequestURI().getQuery();
            body = stats(q != null && q.startsWith("skip=") ? Double.parseDouble(q.substring(5)) : 0)
                    .getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/__reset")) {
            String q = ex.getRequestURI().getQuery();
            reset(q != null && q.startsWith("share=") ? Double.parseDouble(q.substring(6)) : 0);
        } else if (!take()) {
            status = 429;
            body = SLOW;
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
