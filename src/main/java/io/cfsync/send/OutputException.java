package io.cfsync.send;

/** Writing to standard output failed (closed pipe, full disk). The run must stop and say so. */
public class OutputException extends RuntimeException {
    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
