package io.cfsync.faults;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A Customer.io-like vendor on 127.0.0.1, on a raw socket, that misbehaves on a {@link FaultPlan}. Every request
 * is recorded when it has been read, before it is answered, so the recording order is the order the vendor saw
 * them; the answer decided then (200, 503, 429, 400 for rejected events, 401 for a key it does not accept, a reset
 * or a hang after reading) is recorded with it. It can also revoke the accepted key after some processed requests
 * and answer 503 to everything during an outage. Bounded: a fixed pool of connection threads and at most
 * {@link #MAX_ARRIVALS} recorded requests. Thread-safe.
 */
final class FaultVendor implements AutoCloseable {
    /** One request as the vendor read it, with the answer it chose. {@code seq} counts from 0 in reading order. */
    record Arrival(int seq, int round, String method, String path, List<Entities.Entity> entities,
                   FaultPlan.Answer answer) {
    }

    static final int MAX_ARRIVALS = 200_000;
    private static final int THREADS = 64;
    private static final int HANG_CAP_MILLIS = 20_000;
    private static final int IDLE_MILLIS = 60_000;

    private final Corpus corpus;
    private final FaultPlan plan;
    private final FaultPlan.Sightings sightings = new FaultPlan.Sightings();
    private volatile ServerSocket server;
    private final int port;
    private volatile boolean refusing;
    private final FaultPlan.Sightings batchSightings = new FaultPlan.Sightings();
    private FaultPlan.Answer garble;
    private int garbledSightings;
    private int outageFrom;
    private int outageUntil;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final AtomicInteger roundArrivals = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile boolean closed;
    private boolean overflow;
    private int round;
    private int processed;
    private String acceptedAuth;
    private String nextAuth;
    private int revokeAtProcessed;
    private int outageAtArrival = -1;
    private boolean outage;

    FaultVendor(Corpus corpus, FaultPlan plan, String siteId, String apiKey) throws IOException {
        this.corpus = corpus;
        this.plan = plan;
        this.acceptedAuth = basic(siteId, apiKey);
        this.server = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
        this.port = server.getLocalPort();
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "fault-vendor");
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "fault-vendor-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static String basic(String siteId, String apiKey) {
        return "Basic " + Base64.getEncoder().encodeToString((siteId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * A batch carrying events the vendor rejects is no longer answered 400: the vendor takes its other events and
     * answers {@code how} ({@link FaultPlan.Answer#GARBLED_207} or {@link FaultPlan.Answer#GARBLED_200}) the first
     * {@code sightings} times it reads that batch, then a readable 207 naming the rejected ones.
     */
    synchronized void garbleBatchesWithRejects(FaultPlan.Answer how, int sightings) {
        garble = how;
        garbledSightings = sightings;
    }

    /** Requests {@code from} to {@code from + answers - 1} of the current round (from 1) are answered 503. */
    synchronized void briefOutage(int from, int answers) {
        outageFrom = from;
        outageUntil = from + answers;
    }

    /** Closes the listening port: connections are refused (a wrong --base-url) until {@link #reopen}. */
    void refuse() throws IOException {
        refusing = true;
        server.close();
    }

    /** Listens on the same port again. */
    void reopen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
        server = s;
        refusing = false;
    }

    /** Starts counting the requests of run {@code r} (from 1). */
    synchronized void startRound(int r) {
        round = r;
        roundArrivals.set(0);
    }

    int roundArrivals() {
        return roundArrivals.get();
    }

    /** After {@code n} more processed requests the key is revoked: only {@code newKey} is accepted from then on. */
    synchronized void revokeAfter(int n, String siteId, String newKey) {
        revokeAtProcessed = processed + n;
        nextAuth = basic(siteId, newKey);
    }

    /** From the {@code n}-th request of the current round on, answer 503 to everything until {@link #endOutage}. */
    synchronized void outageAfter(int n) {
        outageAtArrival = n;
    }

    synchronized void endOutage() {
        outage = false;
        outageAtArrival = -1;
    }

    synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized boolean overflowed() {
        return overflow;
    }

    int drops() {
        return drops.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept(); // the current socket: reopen() replaces it
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly(10);
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            while (!closed) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (plan.drop(sightings.nextConnectionDraw())) {
                    drops.incrementAndGet();
                    reset(s);
                    return;
                }
                Arrival a = record(HttpWire.read(first, in));
                if (plan.delayMillis() > 0) {
                    sleepQuietly(plan.delayMillis());
                }
                if (!answer(s, in, out, a)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away (killed, timed out, reset): nothing to answer
        } finally {
            open.remove(s);
        }
    }

    /** Answers; false when the connection is finished with (reset or hung up). */
    private boolean answer(Socket s, InputStream in, OutputStream out, Arrival a) throws IOException {
        FaultPlan.Answer answer = a.answer();
        switch (answer) {
            case OK -> HttpWire.answer(out, 200, null, "{}");
            case SERVER_ERROR, OUTAGE -> HttpWire.answer(out, 503, null, "{\"meta\":{\"error\":\"unavailable\"}}");
            case THROTTLE -> HttpWire.answer(out, 429, "Retry-After: 1", "{\"meta\":{\"error\":\"slow down\"}}");
            case UNAUTHORIZED -> HttpWire.answer(out, 401, null, "{\"meta\":{\"error\":\"unauthorized\"}}");
            case REJECTED -> HttpWire.answer(out, 400, null, "{\"meta\":{\"error\":\"rejected event\"}}");
            case GARBLED_207 -> HttpWire.answer(out, 207, null, rejections(a, true));
            case GARBLED_200 -> HttpWire.answer(out, 200, null, "{\"meta\":{\"errors\":[\"an event was rejected\"]}}");
            case PARTIAL_207 -> HttpWire.answer(out, 207, null, rejections(a, false));
            case RESET_AFTER_READ -> {
                reset(s);
                return false;
            }
            case HANG -> {
                hang(s, in);
                return false;
            }
            default -> throw new IllegalStateException(answer.name());
        }
        return true;
    }

    /** A 207 body naming the arrival's rejected events by index: as JSON integers, or as text when garbled. */
    private static String rejections(Arrival a, boolean garbled) {
        StringBuilder b = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < a.entities().size(); i++) {
            String mid = a.entities().get(i).mid();
            if (mid != null && Corpus.rejects(mid)) {
                b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append("{\"batch_index\":")
                        .append(garbled ? "\"" + i + "\"" : String.valueOf(i))
                        .append(",\"reason\":\"invalid\",\"message\":\"rejected event\"}");
            }
        }
        return b.append("]}").toString();
    }

    private synchronized Arrival record(HttpWire.Request r) {
        int n = roundArrivals.incrementAndGet();
        if (outageAtArrival > 0 && n >= outageAtArrival) {
            outage = true;
        }
        boolean brief = n >= outageFrom && n < outageUntil;
        List<Entities.Entity> entities = Entities.of(corpus, r.path(), r.body());
        FaultPlan.Answer answer;
        if (!acceptedAuth.equals(r.authorization())) {
            answer = FaultPlan.Answer.UNAUTHORIZED;
        } else if (outage || brief) {
            answer = FaultPlan.Answer.OUTAGE;
        } else if (entities.stream().anyMatch(e -> e.mid() != null && Corpus.rejects(e.mid()))) {
            answer = garble == null || !r.path().endsWith("/batch") ? FaultPlan.Answer.REJECTED
                    : batchSightings.next(r.body()) <= garbledSightings ? garble : FaultPlan.Answer.PARTIAL_207;
        } else {
            String identity = r.method() + " " + r.path() + " " + entities.stream()
                    .map(e -> String.valueOf(e.mid())).collect(Collectors.joining(","));
            answer = plan.decide(identity, sightings.next(identity));
        }
        if (answer.processed && ++processed == revokeAtProcessed) {
            acceptedAuth = nextAuth;
        }
        Arrival a = new Arrival(arrivals.size(), round, r.method(), r.path(), entities, answer);
        if (arrivals.size() < MAX_ARRIVALS) {
            arrivals.add(a);
        } else {
            overflow = true;
        }
        return a;
    }

    /** Closes with RST: the client learns nothing of the request it sent. */
    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    /** Never answers: waits until the client gives up and closes (or a cap passes). */
    private static void hang(Socket s, InputStream in) throws IOException {
        s.setSoTimeout(HANG_CAP_MILLIS);
        try {
            while (in.read() >= 0) {
                // discard: the client does not send more before an answer
            }
        } catch (SocketTimeoutException | SocketException e) {
            // cap reached or the client reset: either way the connection is done
        }
    }

    private static void sleepQuietly(long millis) {
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
