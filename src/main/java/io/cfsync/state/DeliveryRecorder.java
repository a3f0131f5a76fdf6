package io.cfsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Records deliveries with group commit: callers block in {@link #record} until a transaction holding their key has
 * committed, and one writer thread commits everything queued since its last commit in one transaction. Under load
 * many deliveries share a commit; alone, a delivery waits for one commit. Thread-safe.
 */
final class DeliveryRecorder implements AutoCloseable {
    private record Pending(String dest, String key, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null, null);
    private static final int MAX_GROUP = 1024;
    private static final long LINGER_NANOS = 100_000;
    private final Connection db;
    private final java.nio.file.Path file;
    private final PreparedStatement insert;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    DeliveryRecorder(Connection db, java.nio.file.Path file) throws SQLException {
        this.db = db;
        this.file = file;
        db.setAutoCommit(false);
        this.insert = db.prepareStatement("INSERT OR IGNORE INTO delivered(dest, key, state) VALUES (?, ?, 1)");
        this.writer = new Thread(this::loop, "cf-sync-ledger");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a delivery; the stage completes (on the writer thread) once it is committed, or fails with a
     * {@link LedgerException}.
     */
    CompletableFuture<Void> record(String dest, String key) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(dest, key, done));
        return done;
    }

    private void loop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            if (queue.isEmpty()) {
                // Linger a moment: deliveries finishing right now share this commit instead of waiting for the next.
                java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(STOP);
            commit(group);
            group.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            try {
                for (Pending p : group) {
                    insert.setString(1, p.dest());
                    insert.setString(2, p.key());
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw e;
            }
            group.forEach(p -> p.done().complete(null));
        } catch (SQLException e) {
            LedgerException le = LedgerErrors.of(file, "write", e);
            // Wrapped here with the same words: stages and join() pass it on as is, without a class name in front.
            CompletionException failed = new CompletionException(le.getMessage(), le);
            group.forEach(p -> p.done().completeExceptionally(failed));
        }
    }

    /** SQLite has already rolled back after some failures (a full disk); the original failure is the one to tell. */
    private void rollbackQuietly() {
        try {
            insert.clearBatch();
            db.rollback();
        } catch (SQLException ignored) {
            // nothing was open
        }
    }

    Connection connection() {
        return db;
    }

    /** Commits what is queued, then stops the writer and closes its connection. */
    @Override
    public void close() throws SQLException {
        queue.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        insert.close();
        db.close();
    }
}
