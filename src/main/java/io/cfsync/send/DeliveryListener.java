package io.cfsync.send;

/** Told exactly once per submitted delivery how it ended. Called from sender threads: must be thread-safe. */
public interface DeliveryListener {
    void delivered(Delivery delivery);

    void failed(Delivery delivery, Failure failure);

    /** The run stopped before anything of this delivery was sent; it is neither delivered nor dead-lettered. */
    default void notAttempted(Delivery delivery) {
    }
}
