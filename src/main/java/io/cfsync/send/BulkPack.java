package io.cfsync.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Events packed for one bulk job, in input order, with their items and client references (the same positions).
 * {@code job} is the id of the job an earlier run already submitted them in, or null for a new job. Immutable.
 */
record BulkPack(List<Delivery> deliveries, List<JsonNode> items, List<String> refs, String job) {
    public BulkPack {
        deliveries = List.copyOf(deliveries);
        items = List.copyOf(items);
        refs = List.copyOf(refs);
    }

    public int size() {
        return deliveries.size();
    }

    /** The client reference of an event: its line (and index in the line's batch), unique within one input file. */
    static String ref(Delivery d) {
        return d.index() < 0 ? Long.toString(d.line()) : d.line() + "." + d.index();
    }
}
