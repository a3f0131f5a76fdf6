package io.cfsync.pipeline;

/** How a run ended; the command line maps it to an exit code. */
public enum RunOutcome {
    /** Every event delivered or deliberately skipped. */
    COMPLETE,
    /** Some events were invalid or not delivered: see the dead-letter file. */
    INCOMPLETE,
    /** The run stopped before the end (output failure, credentials refused, interrupted). */
    ABORTED,
    /** Another run holds the ledger's lock: nothing was done. */
    LOCKED
}
