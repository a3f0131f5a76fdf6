package io.cfsync.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.BatchSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs entities for a {@link BatchSpec} with {@code shared} members: a batch holds only entities whose shared
 * members are equal and carries them once, within the spec's count and body limits, never spanning two files.
 * Up to {@link #MAX_OPEN} batches are packed at once (one per distinct shared value), so calls of many users with
 * different members still fill batches; a batch open for {@link #MAX_AGE_BATCHES} full batches' worth of later
 * entities is closed, so none waits long.
 *
 * <p>Order: every identity (order key) sits in at most one open batch. An entity naming an identity that another
 * open batch holds closes that batch first, and a delivery that is not an entity closes the open batches holding
 * any of its identities before it goes; so each user's requests leave in input order, while batches of other users
 * stay open. Batches are handed out in the order they must go. Not thread-safe (the reading thread owns it).
 */
final class GroupedBatchPacker {
    /** Open batches at most; the oldest is closed to open another (bounds memory to this many bodies). */
    static final int MAX_OPEN = 16;
    /**
     * Entities added after a batch was opened, in units of the spec's entity cap, past which it is closed: a rare
     * context does not hold its events back (and the input's watermark with them) while common ones flow.
     */
    static final int MAX_AGE_BATCHES = MAX_OPEN;

    /** One batch being packed. */
    private static final class Open {
        final String key;
        final ObjectNode shared;
        final int sharedBytes;
        final List<Delivery> deliveries = new ArrayList<>();
        final List<byte[]> entities = new ArrayList<>();
        final long opened;
        int bytes;

        Open(String key, ObjectNode shared, long opened) {
            this.key = key;
            this.opened = opened;
            this.shared = shared;
            this.sharedBytes = BatchPacker.Batch.members(shared).length;
        }

        String file() {
            return deliveries.get(0).file();
        }
    }

    private final BatchSpec spec;
    /** Open batches by their shared members' text, oldest first. */
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>();
    private final Map<String, Open> byIdentity = new HashMap<>();
    private long added;

    GroupedBatchPacker(BatchSpec spec) {
        this.spec = spec;
    }

    /** Adds one entity; returns the batches to send before anything that follows (possibly none). */
    List<BatchPacker.Batch> add(Delivery d, byte[] entity, ObjectNode shared) {
        List<BatchPacker.Batch> out = closeStale();
        String key = shared.toString();
        Open o = open.get(key);
        out.addAll(closeOthers(d, o));
        if (o != null && (!o.file().equals(d.file()) || full(o, entity))) {
            out.add(close(key));
            o = null;
        }
        if (o == null) {
            if (open.size() >= MAX_OPEN) {
                out.add(close(open.keySet().iterator().next()));
            }
            o = new Open(key, shared, added);
            open.put(key, o);
        }
        o.deliveries.add(d);
        o.entities.add(entity);
        o.bytes += entity.length;
        added++;
        for (String id : d.orderKeys()) {
            byIdentity.put(id, o);
        }
        return out;
    }

    /** Closes the batches opened more than {@link #MAX_AGE_BATCHES} full batches' worth of entities ago. */
    private List<BatchPacker.Batch> closeStale() {
        List<BatchPacker.Batch> out = new ArrayList<>();
        long limit = (long) MAX_AGE_BATCHES * spec.maxEntities();
        while (!open.isEmpty()) {
            Open oldest = open.values().iterator().next();
            if (added - oldest.opened < limit) {
                break;
            }
            out.add(close(oldest.key));
        }
        return out;
    }

    /** Closes the open batches holding an identity of {@code d}, which must go before it. */
    List<BatchPacker.Batch> before(Delivery d) {
        return closeOthers(d, null);
    }

    /** Closes the open batches other than {@code keep} that hold an identity of {@code d}. */
    private List<BatchPacker.Batch> closeOthers(Delivery d, Open keep) {
        List<BatchPacker.Batch> out = new ArrayList<>();
        for (String id : d.orderKeys()) {
            Open o = byIdentity.get(id);
            if (o != null && o != keep) {
                out.add(close(o.key));
            }
        }
        return out;
    }

    /** Every open batch, oldest first; nothing stays open. */
    List<BatchPacker.Batch> flush() {
        List<BatchPacker.Batch> out = new ArrayList<>();
        while (!open.isEmpty()) {
            out.add(close(open.keySet().iterator().next()));
        }
        return out;
    }

    private boolean full(Open o, byte[] entity) {
        int body = BatchPacker.overhead(spec.field()) + o.sharedBytes + o.bytes + o.deliveries.size()
                + entity.length;
        return o.deliveries.size() >= spec.maxEntities() || body > spec.maxBodyBytes();
    }

    private BatchPacker.Batch close(String key) {
        Open o = open.remove(key);
        for (Delivery d : o.deliveries) {
            for (String id : d.orderKeys()) {
                byIdentity.remove(id, o);
            }
        }
        return new BatchPacker.Batch(o.deliveries, o.entities, o.shared);
    }

    /** Whether nothing is open (for tests). */
    boolean isEmpty() {
        return open.isEmpty();
    }
}
