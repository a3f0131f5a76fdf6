package io.cfsync.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.dest.BulkSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Packs deliveries that the destination takes as bulk items ({@link BulkSpec#item}) into jobs of at most
 * {@link BulkSpec#maxItems()}, and hands each to the sink behind; every other delivery goes through at once. A
 * user's order holds: a delivery that shares an order key with a packed one (that user's tracking event, or a
 * second identify) first closes the pack, so it is queued after the job. A pack of one event goes as that event's
 * own plan: bulk only pays when more than one customer is waiting. A pack never spans two input files, nor two
 * jobs an earlier run submitted. Used by the reading thread only.
 */
final class BulkingSink extends PackingSink {
    /** A sink that can run a bulk job. */
    interface Target extends Sink {
        void submitBulk(BulkSpec spec, BulkPack pack);
    }

    private final BulkSpec spec;
    private final Target target;
    private final BulkJobs jobs;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<JsonNode> items = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private String job;

    public BulkingSink(BulkSpec spec, Target target, BulkJobs jobs) {
        super(target);
        this.spec = spec;
        this.target = target;
        this.jobs = jobs;
    }

    @Override
    public void submit(Delivery d) {
        JsonNode item = d.requests().isEmpty() ? null : spec.item(d.requests());
        boolean shares = shares(d);
        if (item == null) {
            if (shares) {
                flush();
            }
            target.submit(d);
            return;
        }
        String earlier = jobs.jobOf(d);
        if (!deliveries.isEmpty() && (shares || deliveries.size() >= spec.maxItems()
                || !deliveries.get(0).file().equals(d.file()) || !Objects.equals(job, earlier))) {
            flush();
        }
        job = earlier;
        deliveries.add(d);
        items.add(item);
        keys.addAll(d.orderKeys());
    }

    /** Whether {@code d} names a user a packed event names. */
    private boolean shares(Delivery d) {
        for (String k : d.orderKeys()) {
            if (keys.contains(k)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() {
        if (deliveries.isEmpty()) {
            return;
        }
        if (deliveries.size() == 1 && job == null) {
            target.submit(deliveries.get(0));
        } else {
            List<String> refs = deliveries.stream().map(BulkPack::ref).toList();
            target.submitBulk(spec, new BulkPack(deliveries, items, refs, job));
        }
        deliveries.clear();
        items.clear();
        keys.clear();
        job = null;
    }
}
