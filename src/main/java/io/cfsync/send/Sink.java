package io.cfsync.send;

import io.cfsync.report.Snapshot;

/**
 * Where planned requests go: printed or sent. Made by {@link Sinks}. {@link #submit} may block for back-pressure;
 * {@link #finish} returns once every submitted delivery has been reported to the listener, and says how the sink
 * ended. {@link #submit} is called by one thread.
 */
public interface Sink extends AutoCloseable {
    void submit(Delivery delivery);

    /**
     * Sends at once what is held back waiting to fill a batch, for a host whose input pauses (a stream consumer
     * between polls); a sink that holds nothing back does nothing. Called by the submitting thread.
     */
    default void flush() {
    }

    /**
     * Waits until every submitted delivery was reported, releases the sink, and says how it ended. Calling it again
     * returns the same result. Throws {@link OutputException} when outcomes could not be recorded.
     */
    default SinkResult finish() {
        close();
        return SinkResult.SETTLED;
    }

    /**
     * The sender's part of the run's live figures: events in its hands, the rate, pauses. Called from any thread; a
     * sink that sends nothing itself says {@link Snapshot.Sending#IDLE}.
     */
    default Snapshot.Sending sending() {
        return Snapshot.Sending.IDLE;
    }

    /** Releases the sink; a sink that overrides {@link #finish} makes this call it. */
    @Override
    void close();
}
