package io.cfsync.state;

/** The ledger cannot be opened or written. The message names the file. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
