package io.cfsync.faults;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Customer.io-like vendor on 127.0.0.1, on a raw socket, that answers so slowly that no answer ever ends: it
 * reads and processes every request, then either sends the status line and headers and trickles the body one byte
 * a second ({@link Mode#SLOW_BODY}), or trickles the status line and headers themselves ({@link Mode#SLOW_HEADERS}).
 * Each byte comes well within any read timeout, so only a deadline on the whole exchange ends it. In
 * {@link Mode#HEALTHY} it answers at once: 400 for the corpus's rejected events, else 200. Requests are recorded like {@link FaultVendor}'s, a trickled one as
 * processed with its answer lost ({@link FaultPlan.Answer#HANG}). Bounded: a fixed pool of connection threads, and
 * a trickle stops after {@link #TRICKLE_CAP_MILLIS} or when the client goes away. Thread-safe.
 */
final class SlowLorisVendor implements AutoCloseable {
    /** How the vendor answers. */
    enum Mode {
        SLOW_BODY, SLOW_HEADERS, HEALTHY,
        /** Not slow itself: 503 with {@code Retry-After} one year, a wait no run should sit out. */
        BACK_IN_A_YEAR
    }

    private static final int THREADS = 32;
    private static final int TRICKLE_CAP_MILLIS = 180_000;
    private static final int BYTE_EVERY_MILLIS = 1000;

    private final Corpus corpus;
    private final ServerSocket server;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<FaultVendor.Arrival> arrivals = new ArrayList<>();
    private final AtomicInteger roundArrivals = new AtomicInteger();
    private volatile Mode mode;
    private volatile boolean closed;
    private int round;

    SlowLorisVendor(Corpus corpus, Mode mode) throws IOException {
        this.corpus = corpus;
        this.mode = mode;
        this.server = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "slow-loris-vendor");
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "slow-loris-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Answers from now on the way {@code m} says (trickles already begun go on). */
    void mode(Mode m) {
        mode = m;
    }

    synchronized void startRound(int r) {
        round = r;
        roundArrivals.set(0);
    }

    int roundArrivals() {
        return roundArrivals.get();
    }

    synchronized List<FaultVendor.Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                // closed, or a passing failure: the loop condition decides
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int first = in.read(); first >= 0 && !closed; first = in.read()) {
                HttpWire.Request r = HttpWire.read(first, in);
                Mode m = mode;
                FaultPlan.Answer a = record(r, m);
                if (a == FaultPlan.Answer.SERVER_ERROR) {
                    HttpWire.answer(out, 503, "Retry-After: 31536000", "{\"meta\":{\"error\":\"later\"}}");
                } else if (a == FaultPlan.Answer.REJECTED) {
                    HttpWire.answer(out, 400, null, "{\"meta\":{\"error\":\"rejected event\"}}");
                } else if (a == FaultPlan.Answer.OK) {
                    HttpWire.answer(out, 200, null, "{}");
                } else {
                    trickle(out, m);
                    return;
                }
            }
        } catch (IOException e) {
            // the client gave up on the answer and closed: what a deadline is for
        } finally {
            open.remove(s);
        }
    }

    /** One byte a second: a body that never ends, or a status line and headers that never end. */
    private void trickle(OutputStream out, Mode m) throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
        if (m == Mode.SLOW_BODY) {
            out.write((head + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] slow = m == Mode.SLOW_HEADERS ? (head + "X-Padding: ").getBytes(StandardCharsets.US_ASCII) : null;
        long end = System.nanoTime() + TRICKLE_CAP_MILLIS * 1_000_000L;
        for (int i = 0; System.nanoTime() - end < 0 && !closed; i++) {
            out.write(slow != null && i < slow.length ? slow[i] : ' ');
            out.flush();
            sleep(BYTE_EVERY_MILLIS);
        }
    }

    /** Records {@code r} with the answer it gets: 400 for the corpus's rejected events, else by the mode. */
    private synchronized FaultPlan.Answer record(HttpWire.Request r, Mode m) {
        roundArrivals.incrementAndGet();
        List<Entities.Entity> entities = Entities.of(corpus, r.path(), r.body());
        FaultPlan.Answer answer = m == Mode.BACK_IN_A_YEAR ? FaultPlan.Answer.SERVER_ERROR
                : m != Mode.HEALTHY ? FaultPlan.Answer.HANG
                : entities.stream().anyMatch(e -> e.mid() != null && Corpus.rejects(e.mid()))
                ? FaultPlan.Answer.REJECTED : FaultPlan.Answer.OK;
        arrivals.add(new FaultVendor.Arrival(arrivals.size(), round, r.method(), r.path(), entities, answer));
        return answer;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        pool.shutdownNow();
    }
}
