package io.cfsync.send;

/** Told exactly once per submitted delivery how it ended. Called from sender threads: must be thread-safe. */
public interface DeliveryListener {
    void delivered(Delivery delivery);

    /**
     * Like {@link #delivered}, for listeners that record deliveries durably: the sender frees the event's slot (and
     * so sends that user's next event) only once the returned stage completes, without blocking a thread meanwhile.
     */
    default java.util.concurrent.CompletableFuture<Void> deliveredAsync(Delivery delivery) {
        delivered(delivery);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    void failed(Delivery delivery, Failure failure);

    /**
     * The run stopped before this delivery was settled: it is neither delivered nor dead-lettered, and the next run
     * sends it again. A stop is never a verdict on the events it interrupts.
     *
     * @param sent whether a request of it went out (its answer, if one came, did not settle it)
     */
    default void pending(Delivery delivery, boolean sent) {
    }

    /** Where bulk jobs are remembered across runs; a listener without a ledger remembers none. */
    default BulkJobs bulkJobs() {
        return BulkJobs.NONE;
    }
}
