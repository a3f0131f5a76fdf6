package io.cfsync.state;

import java.nio.file.Path;

/**
 * Another run holds a live lease on the ledger. The message names the holder, why it is taken to be live, when a
 * later run may take over and how to take over by hand.
 */
public class LockedException extends Exception {
    private final transient Lease holder;

    /** @param why why the holder is taken to be alive */
    public LockedException(Lease holder, Path file, String why) {
        super("another cf-sync run is using the ledger " + file + ": " + holder.describe() + "; " + why + ". "
                + "That run refreshes its lease every " + Lease.words(holder.refreshEvery()) + "; a later run takes "
                + "over once that process is gone (on its host) or once it has watched the lease go unrefreshed "
                + "for " + Lease.words(holder.timeout()) + " (elsewhere). If that run is gone for sure (its host or "
                + "container was stopped), take over now with: cf-sync status --break-lock --state " + file);
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
