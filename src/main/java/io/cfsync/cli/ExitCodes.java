package io.cfsync.cli;

/** The exit codes, a contract with scripts and cron jobs. Listed in every command's help and man page. */
public final class ExitCodes {
    /** Everything delivered or deliberately skipped. */
    public static final int OK = 0;
    /** Some events were invalid or not delivered (see the dead-letter file). */
    public static final int INCOMPLETE = 1;
    /** Bad command line, settings, inputs, output paths or ledger file: nothing was done. */
    public static final int USAGE = 2;
    /** The run stopped before the end; what it did not settle is pending for the next run. */
    public static final int ABORTED = 3;
    /** Another run is using the same ledger (cron overlap): nothing was done. */
    public static final int LOCKED = 75;
    /** Standard output was closed by its reader ({@code | head}): the run stopped there, quietly (128 + SIGPIPE). */
    public static final int CLOSED_OUTPUT = 141;

    static final String HEADING = "%nExit codes:%n";
    static final String L0 = "0:all events delivered (or, with --dry-run, mapped) or deliberately skipped";
    static final String L1 = "1:some events were invalid or not delivered; see the dead-letter file";
    static final String L2 = "2:bad command line, settings, inputs, output paths or ledger file; nothing was done";
    static final String L3 = "3:run stopped: credentials refused (401/403), vendor never reached (the first "
            + "attempts could not connect), vendor down past --give-up-after, interrupted (SIGINT, SIGTERM, SIGHUP: "
            + "requests in flight get 5s, then are abandoned), an s3:// object could not be read whole (cut short past "
            + "the resumes, or changed while read), or the dead-letter file, ledger or output could not be written; "
            + "events not settled are pending: run the same command again";
    static final String L75 = "75:another live run holds the ledger's lease (e.g. an overlapping cron run); nothing was "
            + "done";
    static final String L141 = "141:standard output was closed by its reader (e.g. | head): the run stopped there, "
            + "quietly, as a program stopped by SIGPIPE does";

    private ExitCodes() {
    }
}
