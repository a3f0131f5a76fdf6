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
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A vendor stand-in for benchmarks: answers every request with 200 {} on loopback and notes when each arrived.
 * GET /__stats?skip=N answers {"requests", "rateAfterSkip", "busiestSecond"}: requests seen, requests/s from
 * request N+1 to the last (so warm-up can be left out), and the most requests in any sliding one-second window.
 * POST /__reset forgets everything.
 *
 * Run: java -Dsun.net.httpserver.nodelay=true StubServer.java PORT_FILE [THREADS]
 * (binds an ephemeral port on 127.0.0.1 and writes it to PORT_FILE once listening).
 */
public final class StubServer {
    private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);
    private static final int MAX = 4_000_000;
    private static final AtomicLongArray ARRIVALS = new AtomicLongArray(MAX);
    private static final AtomicInteger COUNT = new AtomicInteger();

    public static void main(String[] args) throws IOException {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", StubServer::handle);
        server.start();
        Path portFile = Path.of(args[0]);
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
        Files.move(tmp, portFile);
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String path = ex.getRequestURI().getPath();
        byte[] body = OK;
        if (path.equals("/__stats")) {
            body = stats(ex.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/__reset")) {
            COUNT.set(0);
        } else {
            int i = COUNT.getAndIncrement();
            if (i < MAX) {
                ARRIVALS.set(i, System.nanoTime());
            }
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String stats(String query) {
        int skip = query != null && query.startsWith("skip=") ? Integer.parseInt(query.substring(5)) : 0;
        int n = Math.min(COUNT.get(), MAX);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = ARRIVALS.get(i);
        }
        Arrays.sort(t);
        double rate = 0;
        if (n - skip > 1) {
            rate = (n - skip - 1) * 1e9 / (t[n - 1] - t[skip]);
        }
        int busiest = 0;
        for (int i = 0, j = 0; i < n; i++) {
            while (j < n && t[j] - t[i] < 1_000_000_000L) {
                j++;
            }
            busiest = Math.max(busiest, j - i);
        }
        return String.format(Locale.ROOT, "{\"requests\":%d,\"rateAfterSkip\":%.1f,\"busiestSecond\":%d}", n, rate,
                busiest);
    }
}
