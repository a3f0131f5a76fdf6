package io.cfsync.send;

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

    /** Releases the sink; a sink that overrides {@link #finish} makes this call it. */
    @Override
    void close();
}
