package io.cfsync.send;

import io.cfsync.report.RunStats;
import java.util.List;

/**
 * The one place sinks are made: the dry-run printer or the HTTP sink, behind the batching decorator when the
 * destination batches, or the bulk decorator when it takes bulk jobs (not for curl commands). Usable without the command line: a host builds a {@link SinkSpec}, feeds the sink
 * {@link Delivery}s and is told each outcome through its {@link DeliveryListener}.
 */
public final class Sinks {
    private Sinks() {
    }

    /**
     * Makes the sink {@code spec} asks for. An HTTP sink starts its threads here; {@link Sink#finish} stops them.
     *
     * @param stats    counts requests, answers and latencies (a dry-run: the requests a real send would make)
     * @param control  stops the run; the HTTP sink stops it too (credentials refused, vendor down, outcomes
     *                 unwritable)
     * @param listener told exactly once per submitted delivery how it ended; called from sender threads
     */
    public static Sink open(SinkSpec spec, RunStats stats, RunControl control, DeliveryListener listener) {
        SinkSpec.Vendor vendor = spec.vendor();
        BatchingSink.Target target = spec.printing() != null && spec.printing().curl() != null
                ? new CurlSink(vendor.name(), spec.printing().curl(), spec.printing().out(), listener)
                : spec.printing() != null
                ? new DryRunSink(vendor.name(), vendor.auth(), spec.printing().out(), spec.printing().pretty(),
                        listener, stats)
                : new HttpSink(spec, stats, control, listener);
        if (vendor.batching() != null) {
            return new BatchingSink(vendor.batching(), target);
        }
        return vendor.bulk() != null && target instanceof BulkingSink.Target b
                ? new BulkingSink(vendor.bulk(), b, listener.bulkJobs()) : target;
    }

    /**
     * The secrets sending with {@code options} holds beside the destination's settings and the network's proxy
     * logins: the shared rate budget's password, when its URL has one. A run redacts them from everything it prints.
     */
    public static List<String> secrets(SinkTuning options) {
        String password = SharedBudget.password(options);
        return password == null ? List.of() : List.of(password);
    }
}
