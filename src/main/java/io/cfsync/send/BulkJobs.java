package io.cfsync.send;

import java.util.List;

/**
 * Where bulk jobs that were submitted but not yet read are remembered across runs, so that a run stopped (or
 * killed) between a submit and its results polls the same job on resume instead of submitting its events again.
 * Implementations are thread-safe; {@link #submitted} is durable when it returns.
 */
public interface BulkJobs {
    /** Remembers nothing: every run submits its own jobs. */
    BulkJobs NONE = new BulkJobs() {
        @Override
        public String jobOf(Delivery d) {
            return null;
        }

        @Override
        public void submitted(List<Delivery> ds, String jobId) {
        }

        @Override
        public void forget(List<Delivery> ds) {
        }
    };

    /** The job an earlier run submitted {@code d} in and never read the results of, or null. */
    String jobOf(Delivery d);

    /** Records that {@code ds} went to the vendor as job {@code jobId}; durable when this returns. */
    void submitted(List<Delivery> ds, String jobId);

    /** The job of {@code ds} was read (or is gone): their events no longer wait on it. */
    void forget(List<Delivery> ds);
}
