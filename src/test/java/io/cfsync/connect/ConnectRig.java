package io.cfsync.connect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What every Connect IT stands on: a {@link LoopbackVendor} and an embedded Connect cluster of one broker and one
 * worker with the class's own worker settings, started together and closed together; plus the waits and counts
 * the ITs share. Not thread-safe.
 */
final class ConnectRig implements AutoCloseable {
    /** A condition a test waits for; it may read Kafka or the vendor. */
    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    private final LoopbackVendor vendor;
    private final EmbeddedConnectCluster connect;

    private ConnectRig(LoopbackVendor vendor, EmbeddedConnectCluster connect) {
        this.vendor = vendor;
        this.connect = connect;
    }

    /** Starts the vendor and a cluster named {@code name} whose worker has {@code workerProps}. */
    static ConnectRig start(String name, Map<String, String> workerProps) throws Exception {
        LoopbackVendor vendor = new LoopbackVendor();
        try {
            EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1)
                    .numBrokers(1).workerProps(new HashMap<>(workerProps)).build();
            connect.start();
            connect.assertions().assertAtLeastNumWorkersAreUp(1, "worker did not start");
            return new ConnectRig(vendor, connect);
        } catch (Exception | Error e) {
            vendor.close();
            throw e;
        }
    }

    LoopbackVendor vendor() {
        return vendor;
    }

    EmbeddedConnectCluster connect() {
        return connect;
    }

    /** Waits until {@code check} holds, at most {@code wait}, else fails naming {@code what}. */
    void await(Duration wait, Check check, String what) throws Exception {
        long end = System.nanoTime() + wait.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what + "; vendor saw " + vendor.seen());
            }
            Thread.sleep(50);
        }
    }

    /** How many distinct events the vendor accepted, over all users. */
    static int distinct(Map<String, List<Integer>> accepted) {
        return accepted.values().stream().mapToInt(l -> (int) l.stream().distinct().count()).sum();
    }

    @Override
    public void close() {
        try {
            connect.stop();
        } finally {
            vendor.close();
        }
    }
}
