package io.cfsync.state;

import java.nio.file.Path;

/**
 * Another run holds a live lease on the ledger. The message names the holder, says when the lease goes stale and
 * how to take over by hand.
 */
public class LockedException extends Exception {
    private final transient Lease holder;

    public LockedException(Lease holder, Path file) {
        super("another cf-sync run is using the ledger " + file + ": " + holder.describe() + ". Its lease goes "
                + "stale at " + holder.staleAt() + " unless that run refreshes it (it does every "
                + Lease.REFRESH_EVERY.toSeconds() + "s while it runs); a later run then takes over. If that run is "
                + "gone for sure (its host or container was stopped), take over now with: cf-sync status "
                + "--break-lock --state " + file);
        this.holder = holder;
    }

    public Lease holder() {
        return holder;
    }

    public long pid() {
        return holder.pid();
    }

    public String startedAt() {
        return holder.startedAt().toString();
    }
}
