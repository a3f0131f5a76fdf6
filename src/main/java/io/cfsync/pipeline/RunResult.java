package io.cfsync.pipeline;

/** How a run ended; the command line maps it to an exit code. */
public enum RunResult {
    /** Every event delivered or deliberately skipped. */
    COMPLETE,
    /** Some events were invalid or not delivered: see the dead-letter file. */
    INCOMPLETE,
    /** The run stopped before the end (output failure, credentials refused, interrupted). */
    ABORTED,
    /** Another run holds the ledger's lock: nothing was done. */
    LOCKED;

    /**
     * The process exit code the command line returns for this outcome (0, 1, 3, 75), for the summary and the run
     * report; the command line's own mapping is checked against it by a test.
     */
    public int exitCode() {
        return switch (this) {
            case COMPLETE -> 0;
            case INCOMPLETE -> 1;
            case ABORTED -> 3;
            case LOCKED -> 75;
        };
    }
}
