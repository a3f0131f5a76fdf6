package io.cfsync.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.cfsync.testkit.VendorStub;

/**
 * A vendor with a budget of {@code limit} requests per window of {@code windowMillis}, announced on every answer as
 * Kustomer does ({@code x-ratelimit-limit}, {@code x-ratelimit-remaining}, {@code x-ratelimit-reset} in whole
 * seconds until the window ends, rounded up); a request over the budget is answered 429. Windows follow one another
 * from the first request. Thread-safe.
 */
final class BudgetVendor implements VendorStub.Behaviour {
    private final int limit;
    private final long windowNanos;
    private long windowStart;
    private boolean started;
    private int used;
    private int throttled;
    private int windows;

    BudgetVendor(int limit, long windowMillis) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
    }

    @Override
    public synchronized ResponseDefinition answer(VendorStub.Seen request, int n) {
        long now = request.nanos();
        if (!started) {
            started = true;
            windowStart = now;
            windows = 1;
        }
        while (now - windowStart >= windowNanos) {
            windowStart += windowNanos;
            used = 0;
            windows++;
        }
        long resetSeconds = (windowStart + windowNanos - now + 999_999_999L) / 1_000_000_000L;
        boolean over = used >= limit;
        if (over) {
            throttled++;
        } else {
            used++;
        }
        return aResponse().withStatus(over ? 429 : 200)
                .withHeader("x-ratelimit-limit", Integer.toString(limit))
                .withHeader("x-ratelimit-remaining", Integer.toString(limit - used))
                .withHeader("x-ratelimit-reset", Long.toString(resetSeconds))
                .withHeader("Content-Type", "application/json")
                .withBody(over ? "{\"errors\":[{\"status\":429}]}" : "{\"data\":{\"id\":\"x\"}}").build();
    }

    /** Requests answered 429. */
    synchronized int throttled() {
        return throttled;
    }

    /** Budget windows that had at least one request or passed between two. */
    synchronized int windows() {
        return windows;
    }
}
