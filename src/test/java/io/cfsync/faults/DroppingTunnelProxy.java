package io.cfsync.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward proxy on loopback that opens {@code CONNECT} tunnels to whatever host and port they name, and drops
 * chosen ones: those tunnels are established (200) and closed as soon as the client's first bytes arrive, before
 * anything is passed on, as a proxy that times out or restarts would. The vendor never sees a dropped request, so
 * every copy it receives is still accounted for by its own answers. Thread-safe.
 */
final class DroppingTunnelProxy implements AutoCloseable {
    private static final int MAX_HEAD = 8 * 1024;

    private final ServerSocket server;
    private final Set<Integer> drop;
    private final AtomicInteger tunnels = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param drop the numbers (0-based, in order of arrival) of the tunnels to drop */
    DroppingTunnelProxy(Set<Integer> drop) throws IOException {
        this.drop = Set.copyOf(drop);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "dropping-proxy");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int tunnels() {
        return tunnels.get();
    }

    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "dropping-proxy-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            String head = head(client.getInputStream());
            String[] words = head == null ? new String[0] : head.split(" ");
            if (words.length < 2 || !words[0].equals("CONNECT")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int n = tunnels.getAndIncrement();
            OutputStream toClient = client.getOutputStream();
            if (drop.contains(n)) {
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                client.getInputStream().read(); // the request begins: drop the tunnel under it
                dropped.incrementAndGet();
                return;
            }
            int colon = words[1].lastIndexOf(':');
            try (Socket upstream = new Socket(words[1].substring(0, colon),
                    Integer.parseInt(words[1].substring(colon + 1)))) {
                open.add(upstream);
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                Thread back = new Thread(() -> pump(upstream, client), "dropping-proxy-back");
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                back.join(10_000);
            }
        } catch (IOException | InterruptedException e) {
            // a tunnel ends however its ends are closed
        } finally {
            open.remove(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** The request line of a head read up to its blank line, or null when the client went away. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (b.size() < MAX_HEAD) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                String text = b.toString(StandardCharsets.US_ASCII);
                return text.substring(0, text.indexOf("\r\n"));
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
