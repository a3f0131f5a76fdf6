package io.cfsync.pipeline;

import io.cfsync.send.BulkJobs;
import io.cfsync.event.EventKeys;
import io.cfsync.send.Delivery;
import io.cfsync.state.Ledger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bulk jobs remembered in the ledger by event key (messageId, else the canonical event's hash). The jobs an earlier
 * run left unread are loaded once, at the start; the reading thread asks about each bulk item without touching the
 * database. Thread-safe.
 */
final class LedgerBulkJobs implements BulkJobs {
    private final Ledger ledger;
    private final String dest;
    private final Map<String, String> earlier;

    LedgerBulkJobs(Ledger ledger, String dest) {
        this.ledger = ledger;
        this.dest = dest;
        this.earlier = new ConcurrentHashMap<>(ledger.bulkJobs(dest));
    }

    @Override
    public String jobOf(Delivery d) {
        return earlier.isEmpty() ? null : earlier.get(key(d));
    }

    @Override
    public void submitted(List<Delivery> ds, String jobId) {
        ledger.bulkSubmitted(dest, ds.stream().map(LedgerBulkJobs::key).toList(), jobId);
    }

    @Override
    public void forget(List<Delivery> ds) {
        List<String> keys = ds.stream().map(LedgerBulkJobs::key).toList();
        keys.forEach(earlier::remove);
        ledger.bulkForget(dest, keys);
    }

    private static String key(Delivery d) {
        return EventKeys.of(d.messageId(), d.event());
    }
}
