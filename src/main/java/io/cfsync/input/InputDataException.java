package io.cfsync.input;

import java.io.IOException;

/**
 * One input holds data that cannot be read as events as a whole: a binary file, or gzip data that is cut short or
 * corrupt. Lines read before the damage were handed over as usual. The run reports the input by name and goes on
 * with the next one; the message is ready for people ({@code "<file>: not text (binary data); skipped"}).
 */
public final class InputDataException extends IOException {
    private final String kind;

    /** @param kind a short, stable name counted in summaries: {@code binary}, {@code gzip-truncated}, … */
    public InputDataException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
