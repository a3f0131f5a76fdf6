package io.cfsync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the linux-amd64 binary the embedded-redis test jar ships) on a loopback port, with
 * persistence off: started, killed mid-test with SIGKILL, and started again on the same port. Not thread-safe.
 */
public final class RedisServer implements AutoCloseable {
    private static final String BINARY = "/redis-server-6.2.6-v5-linux-amd64";

    private final Path binary;
    private final int port;
    private Process process;

    private RedisServer(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** Starts a server on a free loopback port. */
    public static RedisServer start(Path dir) throws IOException, InterruptedException {
        Path bin = dir.resolve("redis-server");
        try (InputStream in = RedisServer.class.getResourceAsStream(BINARY)) {
            if (in == null) {
                throw new IllegalStateException("the embedded-redis test jar lacks " + BINARY);
            }
            Files.copy(in, bin, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!bin.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + bin + " executable");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RedisServer r = new RedisServer(bin, port);
        r.restart();
        return r;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", binary.getParent().toString()))
                .redirectErrorStream(true).redirectOutput(binary.getParent().resolve("redis.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - until < 0) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("redis-server ended at start; see " + binary.getParent() + "/redis.log");
                }
                Thread.sleep(20);
            }
        }
        throw new IOException("redis-server did not listen on port " + port + " within 10 s");
    }

    /** SIGKILL: the server goes away without a word, as on a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
