package io.cfsync.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of an HTTP server (S3Proxy) that cuts the body of a GET of one path: after {@code cutAfter}
 * body bytes it closes the connection, as a network or a store that drops a download would. Each request is sent
 * upstream with {@code Connection: close}, so one connection carries one exchange and needs no further parsing;
 * that header is not part of an AWS signature. Cuts {@code times} GETs, then passes everything through; a hook runs
 * after each cut, before the client can ask again (to change the object in between). Thread-safe.
 */
final class CuttingProxy implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket server;
    private final int upstreamPort;
    private final String path;
    private final long cutAfter;
    private final AtomicInteger cutsLeft;
    private final AtomicInteger cuts = new AtomicInteger();
    private final Runnable afterCut;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Runnable beforeGet;
    private volatile boolean closed;

    /** @param path the request path whose GETs are cut ({@code /bucket/key}), whatever their query or range */
    CuttingProxy(int upstreamPort, String path, long cutAfter, int times, Runnable afterCut) throws IOException {
        this.upstreamPort = upstreamPort;
        this.path = path;
        this.cutAfter = cutAfter;
        this.cutsLeft = new AtomicInteger(times);
        this.afterCut = afterCut;
        this.server = new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "cutting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many bodies were cut. */
    int cuts() {
        return cuts.get();
    }

    /** Runs {@code r} once, when the next GET of the path arrives, before it is passed on. */
    void beforeNextGet(Runnable r) {
        beforeGet = r;
    }

    /** From now on, cut nothing more. */
    void stopCutting() {
        cutsLeft.set(0);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "cutting-proxy");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        try (client; Socket up = new Socket(InetAddress.getByName("127.0.0.1"), upstreamPort)) {
            open.add(up);
            client.setSoTimeout(30_000);
            up.setSoTimeout(30_000);
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            String head = readHead(fromClient);
            if (head == null) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            boolean ofPath = requestLine[0].equals("GET") && requestLine[1].split("\\?")[0].equals(path);
            Runnable hook = beforeGet;
            if (ofPath && hook != null) {
                beforeGet = null;
                hook.run();
            }
            OutputStream toUp = up.getOutputStream();
            toUp.write(closing(head).getBytes(StandardCharsets.ISO_8859_1));
            copy(fromClient, toUp, contentLength(head));
            toUp.flush();
            boolean cut = ofPath && cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            InputStream fromUp = new BufferedInputStream(up.getInputStream());
            OutputStream toClient = client.getOutputStream();
            String answer = readHead(fromUp);
            if (answer == null) {
                return;
            }
            toClient.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            boolean ok = answer.startsWith("HTTP/1.1 20");
            if (cut && ok) {
                copy(fromUp, toClient, cutAfter);
                toClient.flush();
                cuts.incrementAndGet();
                afterCut.run();
                return; // both closed: the client sees the body end early
            }
            copy(fromUp, toClient, Long.MAX_VALUE);
            toClient.flush();
        } catch (IOException e) {
            // either side went away: nothing more to pass on
        } finally {
            open.remove(client);
        }
    }

    /** The head with {@code Connection: close} in place of any Connection header. */
    private static String closing(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    /** Bytes up to and including the blank line ending an HTTP head; null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4 && b.size() < MAX_HEAD) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : c == '\r' ? 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[8192];
        long left = max;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                return;
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
