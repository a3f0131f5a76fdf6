package io.cfsync.state;

/** Another live run holds the ledger's lock. */
public class LockedException extends Exception {
    private final long pid;
    private final String startedAt;

    public LockedException(long pid, String startedAt, String host) {
        super("another cf-sync run (pid " + pid + " on " + host + ", started " + startedAt
                + ") is using this ledger; exiting");
        this.pid = pid;
        this.startedAt = startedAt;
    }

    public long pid() {
        return pid;
    }

    public String startedAt() {
        return startedAt;
    }
}
