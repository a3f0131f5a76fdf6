package io.cfsync.send;

import io.cfsync.report.Snapshot;

/**
 * A sink that packs deliveries for the sink behind it (batches, bulk jobs): its figures are the sink behind's, and
 * finishing sends what is still packed, then finishes the sink behind, even when sending failed. Subclasses say
 * how to pack ({@link #submit}) and how to send what is packed ({@link #flush}). Used by the reading thread only.
 */
abstract class PackingSink implements Sink {
    private final Sink behind;

    PackingSink(Sink behind) {
        this.behind = behind;
    }

    @Override
    public abstract void flush();

    @Override
    public Snapshot.Sending sending() {
        return behind.sending();
    }

    @Override
    public SinkResult finish() {
        SinkResult result;
        try {
            flush();
        } finally {
            result = behind.finish();
        }
        return result;
    }

    @Override
    public void close() {
        finish();
    }
}
