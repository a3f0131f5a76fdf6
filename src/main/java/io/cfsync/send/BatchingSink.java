package io.cfsync.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.VendorRequest;

/**
 * Packs deliveries whose plan is one entity request ({@link BatchSpec#takes}) into batch requests and hands
 * each full batch to the sink behind it; any other delivery goes through unchanged, after the batch being packed,
 * so input order holds. Used by the reading thread only.
 */
final class BatchingSink implements Sink {
    /** A sink that can take a whole batch. */
    public interface Target extends Sink {
        void submitBatch(BatchSpec spec, BatchPacker.Batch batch);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final BatchSpec spec;
    private final Target target;
    private final BatchPacker packer;

    public BatchingSink(BatchSpec spec, Target target) {
        this.spec = spec;
        this.target = target;
        this.packer = new BatchPacker(spec);
    }

    @Override
    public void submit(Delivery d) {
        if (d.requests().size() != 1 || !batchable(d.requests().get(0))) {
            flush();
            target.submit(d);
            return;
        }
        byte[] entity;
        try {
            entity = MAPPER.writeValueAsBytes(d.requests().get(0).body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an entity", e);
        }
        BatchPacker.Batch full = packer.add(d, entity);
        if (full != null) {
            target.submitBatch(spec, full);
        }
    }

    private boolean batchable(VendorRequest r) {
        return spec.takes(r);
    }

    @Override
    public void flush() {
        BatchPacker.Batch b = packer.flush();
        if (b != null) {
            target.submitBatch(spec, b);
        }
    }

    @Override
    public io.cfsync.report.Snapshot.Sending sending() {
        return target.sending();
    }

    /** Sends the batch being packed, then finishes the sink behind. */
    @Override
    public SinkResult finish() {
        SinkResult result;
        try {
            flush();
        } finally {
            result = target.finish();
        }
        return result;
    }

    @Override
    public void close() {
        finish();
    }
}
