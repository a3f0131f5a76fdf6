package io.cfsync.send;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client: Apache HttpClient 5, asynchronous, HTTP/1.1 with a keep-alive pool sized to the concurrency,
 * TLS verified against the system trust store plus any {@code --ca-file} bundles (no way to switch that off), through
 * the proxy {@link ProxyRules} picks for each host, in a {@code CONNECT} tunnel (else the JVM's proxy properties). No
 * retries, redirects or cookies of its own: every request is sent exactly once per call and the policies around
 * it decide what happens next. Started on construction, closed gracefully. Thread-safe.
 *
 * <p>Every exchange (connection, request, the whole answer) has one deadline, {@code --timeout}, on the monotonic
 * clock: the client's own response timeout only bounds the silence between two reads, so a vendor that trickles one
 * byte a second would otherwise hold a request for ever. An exchange past its deadline fails as a timeout and its
 * connection is closed. {@link #abandonAll} ends the exchanges still on the wire when a stopping run can wait no
 * longer.
 */
final class Transport implements AutoCloseable {
    /**
     * One answer: the status, the headers that steer waiting and pacing ({@code x-ratelimit-remaining} is null when
     * absent), and at most {@link #BODY_LIMIT} bytes of body.
     */
    record Response(int status, String retryAfter, String rateLimitReset, String rateLimitRemaining, byte[] body) {
    }

    /** Bodies are kept only for lookups and dead-letter excerpts; the rest is read and dropped. */
    static final int BODY_LIMIT = 256 * 1024;

    /** The failure of an exchange dropped by {@link #abandonAll}: the request may have reached the vendor. */
    static final class Abandoned extends IOException {
        Abandoned() {
            super("the run stopped before the answer came");
        }
    }

    /** One exchange on the wire: the client's handle on it, and what the caller waits for. */
    private record Exchange(Future<Response> call, CompletableFuture<Response> result) {
        /** Fails the caller's future first, so the cancellation that follows cannot turn it into a "cancelled". */
        void end(IOException why) {
            result.completeExceptionally(why);
            call.cancel(true);
        }
    }

    private final CloseableHttpAsyncClient client;
    private final RequestConfig requestConfig;
    private final Duration exchangeDeadline;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Set<Exchange> onWire = ConcurrentHashMap.newKeySet();
    private final ProxyRules proxies;
    private final Set<String> hostsSeen = ConcurrentHashMap.newKeySet();
    private volatile java.util.function.Consumer<String> routeLog;
    private volatile boolean cut;


    /** @param responseTimeout {@code --timeout}: the deadline of a whole exchange, and the longest silence in one */
    Transport(int connections, Duration connectTimeout, Duration responseTimeout, String userAgent,
              Network network) {
        this.exchangeDeadline = responseTimeout;
        this.proxies = network.proxies();
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cf-sync-deadlines");
            t.setDaemon(true);
            return t;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        var pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(ClientTlsStrategyBuilder.create().useSystemProperties()
                        .setSslContext(TrustStores.context(network.caFiles())).build())
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .setHandshakeTimeout(Timeout.of(connectTimeout))
                        .build())
                .build();
        this.requestConfig = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(responseTimeout))
                // Leases wait at most as long as a request may take: the lanes never ask for more than the pool.
                .setConnectionRequestTimeout(Timeout.of(connectTimeout.plus(responseTimeout)))
                .build();
        var builder = HttpAsyncClients.custom().useSystemProperties();
        if (proxies.any()) {
            new ProxyRoutes(proxies).install(builder);
        }
        this.client = builder
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requestConfig)
                .setUserAgent(userAgent)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        client.start();
    }

    /**
     * Sends one request. Completes with the response, or exceptionally with the transport failure
     * (connect/response timeout, reset, refused, TLS). Never throws.
     */
    CompletableFuture<Response> send(String method, String url, Map<String, String> headers, byte[] body) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        try {
            sayRoute(url);
            SimpleRequestBuilder b = SimpleRequestBuilder.create(method).setUri(url);
            ContentType type = ContentType.APPLICATION_JSON;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("Content-Type")) {
                    type = ContentType.parse(h.getValue());
                } else {
                    b.addHeader(h.getKey(), h.getValue());
                }
            }
            if (body != null) {
                b.setBody(body, type);
            }
            SimpleHttpRequest request = b.build();
            HttpClientContext context = HttpClientContext.create();
            Future<Response> call = client.execute(SimpleRequestProducer.create(request), new BoundedConsumer(),
                    null, context, new FutureCallback<Response>() {
                        @Override
                        public void completed(Response r) {
                            ProxyRules.Proxy p = proxies.any() && !ProxyRoutes.reached(context)
                                    ? proxies.forUrl(java.net.URI.create(url)).proxy() : null;
                            if (p != null) {
                                result.completeExceptionally(new ProxyAnswered(r.status(), p));
                            } else {
                                result.complete(r);
                            }
                        }

                        @Override
                        public void failed(Exception ex) {
                            result.completeExceptionally(proxied(url, ex));
                        }

                        @Override
                        public void cancelled() {
                            result.cancel(false);
                        }
                    });
            watch(new Exchange(call, result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Has {@code log} told, once per host, which proxy the host goes through, or why none (for --verbose). */
    void logRoutes(java.util.function.Consumer<String> log) {
        this.routeLog = log;
    }

    private void sayRoute(String url) {
        java.util.function.Consumer<String> log = routeLog;
        if (log != null) {
            java.net.URI u = java.net.URI.create(url);
            if (u.getHost() != null && hostsSeen.add(u.getHost() + ":" + u.getPort())) {
                log.accept(proxies.forUrl(u).describe(u.getHost()));
            }
        }
    }

    /** {@code ex}, or {@link ProxyRefused} when it is a failure to connect to the proxy {@code url} goes through. */
    private Exception proxied(String url, Exception ex) {
        if (!(ex instanceof java.net.ConnectException) || !proxies.any()) {
            return ex;
        }
        ProxyRules.Proxy p = proxies.forUrl(java.net.URI.create(url)).proxy();
        if (p == null) {
            return ex;
        }
        ProxyRefused r = new ProxyRefused(p);
        r.initCause(ex);
        return r;
    }

    /** Puts {@code x} under its deadline and in the set {@link #abandonAll} ends, until it completes. */
    private void watch(Exchange x) {
        onWire.add(x);
        ScheduledFuture<?> deadline = deadlines.schedule(() -> x.end(new SocketTimeoutException(
                "the whole exchange took longer than " + io.cfsync.report.Durations.format(exchangeDeadline))),
                exchangeDeadline.toNanos(), TimeUnit.NANOSECONDS);
        x.result().whenComplete((r, ex) -> {
            if (ex != null) {
                cut = true; // its connection may still be closing: no graceful wait for it
            }
            deadline.cancel(false);
            onWire.remove(x);
        });
    }

    /**
     * Ends every exchange still on the wire: each fails with {@link Abandoned} and its connection is closed. For a
     * stopping run whose grace is over; the requests may have reached the vendor, so their events stay pending.
     *
     * @return how many exchanges were abandoned
     */
    int abandonAll() {
        int n = 0;
        for (Exchange x : onWire) {
            if (!x.result().isDone()) {
                cut = true;
                x.end(new Abandoned());
                n++;
            }
        }
        return n;
    }

    /**
     * Closes every connection. Callers first wait for their requests to complete; after a failed or abandoned
     * exchange the connections are cut rather than waited for (a vendor that trickles would hold a graceful close).
     */
    @Override
    public void close() {
        client.close(cut ? CloseMode.IMMEDIATE : CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }

    /** Collects the status, three headers and the first {@link #BODY_LIMIT} bytes of the body. */
    private static final class BoundedConsumer extends AbstractBinResponseConsumer<Response> {
        private int status;
        private String retryAfter;
        private String reset;
        private String remaining;
        private byte[] buf = new byte[0];
        private int len;

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            status = response.getCode();
            retryAfter = value(response.getFirstHeader("Retry-After"));
            reset = value(response.getFirstHeader("x-ratelimit-reset"));
            remaining = value(response.getFirstHeader("x-ratelimit-remaining"));
        }

        private static String value(Header h) {
            return h == null ? null : h.getValue();
        }

        @Override
        protected int capacityIncrement() {
            return 64 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            int keep = Math.min(src.remaining(), BODY_LIMIT - len);
            if (keep > 0) {
                if (len + keep > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(len + keep, Math.min(BODY_LIMIT, buf.length * 2 + 512)));
                }
                src.get(buf, len, keep);
                len += keep;
            }
            src.position(src.limit());
        }

        @Override
        protected Response buildResult() {
            return new Response(status, retryAfter, reset, remaining, Arrays.copyOf(buf, len));
        }

        @Override
        public void releaseResources() {
            buf = new byte[0];
        }
    }
}
