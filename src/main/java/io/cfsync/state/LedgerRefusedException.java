package io.cfsync.state;

/**
 * The file given as a ledger exists but is not a usable cf-sync ledger (empty, not SQLite, truncated, damaged, or
 * another program's database). It is never replaced: the message names the file, says what is wrong and what to do.
 */
public class LedgerRefusedException extends LedgerException {
    public LedgerRefusedException(String message) {
        super(message, null);
    }
}
