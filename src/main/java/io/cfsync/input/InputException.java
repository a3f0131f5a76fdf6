package io.cfsync.input;

/** An input cannot be found or opened. Stops the run before it starts (a usage error). */
public class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }
}
