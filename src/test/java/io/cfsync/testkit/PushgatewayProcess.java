package io.cfsync.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus Pushgateway for tests: Debian's {@code prometheus-pushgateway}, on a free loopback port, with
 * persistence off (the Debian build persists to a file under /var/lib by default). Stopped by its own pid.
 * {@link #unavailable()} says why tests that need it cannot run here.
 */
public final class PushgatewayProcess implements AutoCloseable {
    private static final String BINARY = "/usr/bin/prometheus-pushgateway";
    private static final String PROMTOOL = "/usr/bin/promtool";

    private final Process process;
    private final int port;

    /** Why tests that need it cannot run here, or null when they can. */
    public static String unavailable() {
        return Files.isExecutable(Path.of(BINARY)) ? null : "the Prometheus Pushgateway is not installed (apt-get "
                + "install prometheus-pushgateway; .ci/run installs it as root)";
    }

    /** Why tests that lint with promtool cannot run here, or null when they can. */
    public static String noPromtool() {
        return Files.isExecutable(Path.of(PROMTOOL)) ? null
                : "promtool is not installed (apt-get install prometheus; .ci/run installs it as root)";
    }

    public PushgatewayProcess(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.port = freePort();
        this.process = new ProcessBuilder(BINARY, "--web.listen-address=127.0.0.1:" + port, "--persistence.file=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("pushgateway.log").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try {
                scrape();
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("the Pushgateway did not start (exit " + process.exitValue() + ")");
                }
                sleep(25);
            }
        }
        close();
        throw new IOException("the Pushgateway did not answer on " + port + " within 5 s");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Its {@code /metrics}, as Prometheus would scrape it. */
    public String scrape() throws IOException {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url() + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The values of {@code name}'s series in {@code scrape} whose labels include every one of {@code labels}. */
    public static List<Double> values(String scrape, String name, String... labels) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                out.add(Double.parseDouble(m.group(2)));
            }
        }
        return out;
    }

    /** {@code promtool check metrics} on {@code text}: its exit code and what it said. */
    public static String promtool(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PROMTOOL, "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "promtool did not finish";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + said;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
