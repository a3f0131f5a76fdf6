package io.cfsync.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.BatchSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs consecutive entities into batches within the destination's limits: at most {@code maxEntities}, and a
 * serialized body {@code {"<field>":[e1,e2,…]}} of at most {@code maxBodyBytes}. A batch never spans two input
 * files, so its source is one file and a list of lines. Not thread-safe (the reading thread owns it).
 */
final class BatchPacker {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Deliveries (one entity each, in input order), their serialized entities, and the members the whole batch
     * carries next to them ({@link BatchSpec#shared}; empty when none).
     */
    public record Batch(List<Delivery> deliveries, List<byte[]> entities, ObjectNode shared) {
        public Batch {
            shared = shared == null ? JsonNodeFactory.instance.objectNode() : shared;
        }

        public Batch(List<Delivery> deliveries, List<byte[]> entities) {
            this(deliveries, entities, null);
        }

        public int size() {
            return deliveries.size();
        }

        /** The body {@code {"<field>":[…],<shared members>}} as sent. */
        public byte[] body(String field) {
            byte[] members = members(shared);
            int n = overhead(field) + entities.stream().mapToInt(e -> e.length).sum() + Math.max(0, size() - 1)
                    + members.length;
            byte[] out = new byte[n];
            int p = put(out, 0, "{\"" + field + "\":[");
            for (int i = 0; i < entities.size(); i++) {
                if (i > 0) {
                    out[p++] = ',';
                }
                System.arraycopy(entities.get(i), 0, out, p, entities.get(i).length);
                p += entities.get(i).length;
            }
            p = put(out, p, "]");
            System.arraycopy(members, 0, out, p, members.length);
            put(out, p + members.length, "}");
            return out;
        }

        /** The first {@code n} entities, or the rest after them: halves for isolating a bad entity. */
        Batch head(int n) {
            return new Batch(deliveries.subList(0, n), entities.subList(0, n), shared);
        }

        Batch tail(int n) {
            return new Batch(deliveries.subList(n, size()), entities.subList(n, size()), shared);
        }

        /** {@code ,"a":…,"b":…} of an object's members, or nothing when it has none. */
        static byte[] members(ObjectNode shared) {
            if (shared.isEmpty()) {
                return new byte[0];
            }
            byte[] whole;
            try {
                whole = MAPPER.writeValueAsBytes(shared);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot serialize batch members", e);
            }
            whole[0] = ',';
            return java.util.Arrays.copyOf(whole, whole.length - 1);
        }

        private static int put(byte[] out, int p, String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                out[p++] = (byte) ascii.charAt(i);
            }
            return p;
        }
    }

    private final BatchSpec spec;
    private List<Delivery> deliveries = new ArrayList<>();
    private List<byte[]> entities = new ArrayList<>();
    private int bytes;

    BatchPacker(BatchSpec spec) {
        this.spec = spec;
    }

    static int overhead(String field) {
        return field.length() + 7; // {"field":[ ... ]}
    }

    /**
     * Adds one entity; returns the batch that had to be closed to make room for it (send that first), or null.
     * An entity alone over the body limit still gets a batch of its own (the vendor will answer for it).
     */
    Batch add(Delivery d, byte[] entity) {
        Batch full = null;
        boolean otherFile = !deliveries.isEmpty() && !deliveries.get(0).file().equals(d.file());
        boolean tooBig = !deliveries.isEmpty()
                && overhead(spec.field()) + bytes + deliveries.size() + entity.length > spec.maxBodyBytes();
        if (otherFile || tooBig || deliveries.size() >= spec.maxEntities()) {
            full = flush();
        }
        deliveries.add(d);
        entities.add(entity);
        bytes += entity.length;
        return full;
    }

    /** The batch being packed, or null when empty; starts a new one. */
    Batch flush() {
        if (deliveries.isEmpty()) {
            return null;
        }
        Batch b = new Batch(deliveries, entities);
        deliveries = new ArrayList<>();
        entities = new ArrayList<>();
        bytes = 0;
        return b;
    }
}
