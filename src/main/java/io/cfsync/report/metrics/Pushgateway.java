package io.cfsync.report.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Pushes metrics to a Prometheus Pushgateway under one grouping key ({@code job}, then labels such as
 * {@code instance}). Always with POST, which replaces only the metrics a push names: the
 * {@code cf_sync_last_success_timestamp_seconds} of an earlier clean run stays when a failing run pushes without
 * it (a PUT would delete it with the rest of the group). Thread-safe.
 */
final class Pushgateway {
    static final Duration CONNECT = Duration.ofSeconds(2);
    static final Duration ANSWER = Duration.ofSeconds(5);

    private final HttpClient client;
    private final URI target;
    private final String where;

    Pushgateway(URI base, String job, Map<String, String> grouping) {
        StringBuilder path = new StringBuilder(base.toString().replaceAll("/+$", "")).append("/metrics");
        path.append(segment("job", job));
        grouping.forEach((k, v) -> path.append(segment(k, v)));
        this.target = URI.create(path.toString());
        // Named by host and port only: a user name or password in the URL never reaches a note.
        this.where = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    }

    /** Pushes {@code text}; throws with a short reason when the Pushgateway cannot be reached or refuses it. */
    void push(byte[] text) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(target).timeout(ANSWER).header("Content-Type", TextFormat.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(text)).build();
        HttpResponse<String> res;
        try {
            res = client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (res.statusCode() / 100 != 2) {
            String body = res.body().strip();
            throw new IOException("HTTP " + res.statusCode() + (body.isEmpty() ? ""
                    : ": " + body.substring(0, Math.min(200, body.length()))));
        }
    }

    /** {@code http://host:port}, for notes. */
    String where() {
        return where;
    }

    /**
     * {@code /name/value}, or {@code /name@base64/...} for a value the path cannot carry plainly (a slash, or
     * empty), as the Pushgateway's API asks.
     */
    static String segment(String name, String value) {
        if (value.isEmpty() || value.contains("/")) {
            return "/" + name + "@base64/" + (value.isEmpty() ? "="
                    : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        return "/" + name + "/" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
