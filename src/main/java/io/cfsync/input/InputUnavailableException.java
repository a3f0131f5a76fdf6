package io.cfsync.input;

import java.io.IOException;

/**
 * An input could not be read whole now, though nothing says its data is bad: object storage ended a body early
 * more often than a read may resume, or the object changed while it was read. Lines read before were handed over
 * as usual; the run stops with the rest pending, and the next run reads on. The message is ready for people.
 */
public final class InputUnavailableException extends IOException {
    public InputUnavailableException(String message) {
        super(message);
    }

    public InputUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
