package io.cfsync.dest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bulk job's results say about each item, by client reference: {@link Kind#DONE} (created or updated),
 * {@link Kind#REJECTED} (a verdict on that item, with the vendor's words) or {@link Kind#AGAIN} (not settled by the
 * job: a server-side item error, a record that already exists and must be updated instead, or an item the results
 * do not name; the sender then sends that event on its own). Immutable.
 */
public record BulkAnswer(Map<String, Item> items) {
    /** How one item ended. */
    public enum Kind { DONE, REJECTED, AGAIN }

    /** One item's result and the vendor's words about it (null for {@link Kind#DONE}). */
    public record Item(Kind kind, String words) {
    }

    public BulkAnswer {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /** The result for {@code ref}; an item the answer does not name is {@link Kind#AGAIN}. */
    public Item of(String ref) {
        Item i = items.get(ref);
        return i != null ? i : new Item(Kind.AGAIN, "not named in the job's results");
    }
}
