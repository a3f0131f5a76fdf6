package io.cfsync.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.VendorRequest;

/**
 * Packs deliveries whose plan is one entity request ({@link BatchSpec#takes}) into batch requests and hands
 * each full batch to the sink behind it; any other delivery goes through unchanged, after the batch being packed
 * (with {@link BatchSpec#shared}: after the open batches holding one of its identities), so each user's order
 * holds. Used by the reading thread only.
 */
final class BatchingSink extends PackingSink {
    /** A sink that can take a whole batch. */
    public interface Target extends Sink {
        void submitBatch(BatchSpec spec, BatchPacker.Batch batch);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final BatchSpec spec;
    private final Target target;
    private final BatchPacker packer;
    /** Used instead of {@link #packer} when the spec packs by shared members. */
    private final GroupedBatchPacker grouped;

    public BatchingSink(BatchSpec spec, Target target) {
        super(target);
        this.spec = spec;
        this.target = target;
        this.packer = new BatchPacker(spec);
        this.grouped = spec.shared() == null ? null : new GroupedBatchPacker(spec);
    }

    @Override
    public void submit(Delivery d) {
        if (d.requests().size() != 1 || !batchable(d.requests().get(0))) {
            if (grouped != null) {
                submitAll(grouped.before(d));
            } else {
                flush();
            }
            target.submit(d);
            return;
        }
        JsonNode body = d.requests().get(0).body();
        byte[] entity;
        try {
            entity = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an entity", e);
        }
        if (grouped != null) {
            submitAll(grouped.add(d, entity, shared(body)));
            return;
        }
        BatchPacker.Batch full = packer.add(d, entity);
        if (full != null) {
            target.submitBatch(spec, full);
        }
    }

    /** The entity's members the batch carries for all its entities, in the spec's order. */
    private ObjectNode shared(JsonNode entity) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String name : spec.shared()) {
            JsonNode v = entity.get(name);
            if (v != null) {
                out.set(name, v);
            }
        }
        return out;
    }

    private void submitAll(java.util.List<BatchPacker.Batch> batches) {
        for (BatchPacker.Batch b : batches) {
            target.submitBatch(spec, b);
        }
    }

    private boolean batchable(VendorRequest r) {
        return spec.takes(r);
    }

    @Override
    public void flush() {
        if (grouped != null) {
            submitAll(grouped.flush());
            return;
        }
        BatchPacker.Batch b = packer.flush();
        if (b != null) {
            target.submitBatch(spec, b);
        }
    }
}
