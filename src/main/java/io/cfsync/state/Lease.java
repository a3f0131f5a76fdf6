package io.cfsync.state;

import java.time.Duration;
import java.time.Instant;

/**
 * The overlap lock of a ledger, held as a lease: its holder refreshes it every {@link #REFRESH_EVERY}; a lease not
 * refreshed for {@link #STALE_AFTER} is stale whatever the host (its holder is taken to be gone: a killed container
 * cannot release it), and on the holder's own host it is stale as soon as the process is gone. Immutable.
 *
 * @param processStart when the holding process started (to tell a reused pid apart), or null
 * @param refreshedAt  when the holder last refreshed the lease
 */
public record Lease(String runId, long pid, String host, String processStart, Instant startedAt,
                    Instant refreshedAt) {
    /** How long a lease lives without a refresh. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(2);
    /** How often the holder refreshes it: several refreshes fit in {@link #STALE_AFTER}. */
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(15);

    /** When this lease goes stale unless it is refreshed before. */
    public Instant staleAt() {
        return refreshedAt.plus(STALE_AFTER);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(staleAt());
    }

    /** The holder in words: {@code pid 12 on host h (run started …, lease last refreshed …)}. */
    public String describe() {
        return "pid " + pid + " on host " + host + " (run started " + startedAt + ", lease last refreshed "
                + refreshedAt + ")";
    }
}
