package io.cfsync.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real forward proxy for tests: Debian's {@code tinyproxy}, in the foreground on a free loopback port, with its
 * config, log and pid file in a test's folder, optionally demanding Basic credentials. Stopped by its own pid.
 * {@link #available()} says whether the binary is there, so tests can skip saying why.
 */
public final class TinyProxy implements AutoCloseable {
    private static final String BINARY = "/usr/bin/tinyproxy";

    private final Process process;
    private final int port;
    private final Path log;

    /** Why tests that need it cannot run here, or null when they can. */
    public static String unavailable() {
        return Files.isExecutable(Path.of(BINARY)) ? null
                : "tinyproxy is not installed (apt-get install tinyproxy; .ci/run installs it as root)";
    }

    public static boolean available() {
        return unavailable() == null;
    }

    /**
     * Starts a proxy allowing {@code CONNECT} to {@code connectPorts}.
     *
     * @param user     the Basic user it demands, or null for none
     * @param password the user's password (letters and digits: tinyproxy's config has no quoting for it)
     */
    public TinyProxy(Path dir, String user, String password, int... connectPorts) throws IOException {
        Files.createDirectories(dir);
        this.port = freePort();
        this.log = dir.resolve("tinyproxy.log");
        List<String> conf = new ArrayList<>(List.of("Port " + port, "Listen 127.0.0.1", "Timeout 30",
                "LogFile \"" + log + "\"", "LogLevel Connect", "PidFile \"" + dir.resolve("tinyproxy.pid") + "\"",
                "MaxClients 50", "Allow 127.0.0.1", "DisableViaHeader Yes"));
        for (int p : connectPorts) {
            conf.add("ConnectPort " + p);
        }
        if (user != null) {
            conf.add("BasicAuth " + user + " " + password);
        }
        Path file = dir.resolve("tinyproxy.conf");
        Files.write(file, conf, StandardCharsets.UTF_8);
        this.process = new ProcessBuilder(BINARY, "-d", "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        awaitListening();
    }

    private void awaitListening() throws IOException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("tinyproxy did not start (exit " + process.exitValue() + ")");
                }
                sleep(25);
            }
        }
        throw new IOException("tinyproxy did not listen on " + port + " within 5 s");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, with {@code userInfo@} when given. */
    public String url(String userInfo) {
        return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port;
    }

    /** The {@code CONNECT host:port} requests the proxy has logged so far, in order. */
    public List<String> tunnels() throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int at = line.indexOf("): CONNECT ");
                if (at >= 0) {
                    out.add(line.substring(at + 3).replace(" HTTP/1.1", "").replace(" HTTP/1.0", ""));
                }
            }
        }
        return out;
    }

    /** Every request line the proxy has logged ({@code CONNECT host:port}, {@code GET http://…}), in order. */
    public List<String> requests() throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int at = line.indexOf("): ");
                if (line.contains(": Request (") && at >= 0) {
                    out.add(line.substring(at + 3));
                }
            }
        }
        return out;
    }

    /** Everything it logged. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        process.destroy(); // its own pid only
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
