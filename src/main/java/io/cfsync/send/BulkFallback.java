package io.cfsync.send;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Remembers, for one sink, that the key may not use the bulk endpoint (the vendor answered 403 to a submit): every
 * later job then goes as single requests, and the person is told once. Thread-safe.
 */
final class BulkFallback {
    private final AtomicBoolean forbidden = new AtomicBoolean();
    private final Consumer<String> note;

    BulkFallback(Consumer<String> note) {
        this.note = note;
    }

    boolean active() {
        return forbidden.get();
    }

    void forbidden(String url) {
        if (forbidden.compareAndSet(false, true)) {
            note.accept("cf-sync: the vendor refused the bulk endpoint (HTTP 403 at " + url + "): the API key lacks "
                    + "the bulk role; sending one request per event instead (--no-bulk does so from the start)");
        }
    }
}
