package io.cfsync.send;

/**
 * Where planned requests go: printed ({@link DryRunSink}) or sent. {@link #submit} may block for back-pressure;
 * {@link #close} returns once every submitted delivery has been reported to the listener.
 */
public interface Sink extends AutoCloseable {
    void submit(Delivery delivery);

    @Override
    void close();
}
