package io.cfsync.pipeline;

import io.cfsync.input.EventReader;
import io.cfsync.input.SourceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Planner} for a host that is handed events one record at a time (a stream consumer) instead of reading
 * files: each record's bytes are read as one line of a file would be, and each event of it (one, or one per element
 * of a batch envelope, keeping its index) is planned as a file run plans it. No filters, shards or ledger: the host
 * keeps its own position. Not thread-safe: one per thread (the pre-pass may carry state from one event to the next).
 */
public final class RecordPlanner {
    private final Planner planner;
    private final EventReader reader = new EventReader();

    public RecordPlanner(Pipeline.Target target) {
        this.planner = new Planner(target, EventFilter.NONE, Shard.ALL);
    }

    /**
     * Plans one record's bytes, read as one line of a file: one result, or one per element of a batch envelope.
     *
     * @param source where the record came from (e.g. {@code topic-partition}), for dead letters and messages
     * @param position its position there (e.g. the offset), standing in for the line number
     */
    public List<Planner.Planned> plan(String source, long position, byte[] bytes) {
        List<Planner.Planned> out = new ArrayList<>(1);
        reader.readRecord(new SourceRef(source, position), bytes, item -> {
            out.add(planner.plan(item));
            return true;
        });
        return out;
    }
}
