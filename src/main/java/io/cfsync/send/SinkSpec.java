package io.cfsync.send;

import io.cfsync.report.Console;
import io.cfsync.dest.Auth;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.VendorRequest;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link Sinks} needs to make a sink: the vendor, whether to print or send, how to send, and where to
 * talk. Immutable.
 *
 * @param vendor   the destination as the sender sees it
 * @param printing where a dry-run prints its requests, or null to send them for real
 * @param send     how to send (ignored by a dry-run)
 * @param console  where to talk to the person (ignored by a dry-run)
 */
public record SinkSpec(Vendor vendor, Printing printing, SinkTuning send, Console console) {
    /**
     * The destination as the sender sees it.
     *
     * @param name         the destination's name, as printed by a dry-run
     * @param auth         applied to each request right before it is sent (redacted when printed)
     * @param throttleWait the destination's pause after a 429 that names no wait, or null to back off
     * @param batching     how to pack events into batch requests, or null to send one request per event
     * @param rateHeadersWindow when set, sending is paced to the budget the vendor announces in its
     *                     {@code x-ratelimit-*} headers, which lasts this long when an answer names no reset
     * @param bulk         how to pack events into asynchronous bulk jobs, or null to send each event's own plan
     * @param check        the destination's cheapest authenticated read ({@code cf-sync check}'s request), without
     *                     credentials, or null when it has none: asked, when a request runs out of tries while the
     *                     vendor serves no one else, whether the vendor answers at all
     */
    public record Vendor(String name, Auth auth, Duration throttleWait, BatchSpec batching,
                         Duration rateHeadersWindow, io.cfsync.dest.BulkSpec bulk, VendorRequest check) {
        public Vendor {
            Objects.requireNonNull(name);
            Objects.requireNonNull(auth);
        }

        /** A vendor with its name and credentials only: one request per event, no budget headers, no checks. */
        public static Vendor of(String name, Auth auth) {
            return new Vendor(name, auth, null, null, null, null, null);
        }

        public Vendor withThrottleWait(Duration wait) {
            return new Vendor(name, auth, wait, batching, rateHeadersWindow, bulk, check);
        }

        public Vendor withBatching(BatchSpec spec) {
            return new Vendor(name, auth, throttleWait, spec, rateHeadersWindow, bulk, check);
        }

        public Vendor withRateHeadersWindow(Duration window) {
            return new Vendor(name, auth, throttleWait, batching, window, bulk, check);
        }

        public Vendor withBulk(io.cfsync.dest.BulkSpec spec) {
            return new Vendor(name, auth, throttleWait, batching, rateHeadersWindow, spec, check);
        }

        public Vendor withCheck(VendorRequest request) {
            return new Vendor(name, auth, throttleWait, batching, rateHeadersWindow, bulk, request);
        }
    }

    /**
     * Where and how a dry-run prints: one NDJSON line per request, or indented, or (with {@code curl}) as curl
     * commands.
     */
    public record Printing(OutputStream out, boolean pretty, CurlFormat curl) {
        public Printing {
            Objects.requireNonNull(out);
        }

        public Printing(OutputStream out, boolean pretty) {
            this(out, pretty, null);
        }
    }

    public SinkSpec {
        Objects.requireNonNull(vendor);
        if (printing == null) {
            Objects.requireNonNull(send);
            Objects.requireNonNull(console);
        }
    }

    /** A sink that sends for real. */
    public static SinkSpec sending(Vendor vendor, SinkTuning send, Console console) {
        return new SinkSpec(vendor, null, send, console);
    }

    /** A sink that prints what it would send. */
    public static SinkSpec printing(Vendor vendor, Printing printing) {
        return new SinkSpec(vendor, printing, null, null);
    }
}
