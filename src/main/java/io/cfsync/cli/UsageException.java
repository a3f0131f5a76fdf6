package io.cfsync.cli;

/** A command-line problem found after parsing (e.g. an unknown destination). Exit code 2. */
public final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
