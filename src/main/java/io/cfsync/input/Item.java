package io.cfsync.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.event.Event;
import io.cfsync.event.Problem;

/** One thing read from an input: a valid event, an invalid one (with why), or a blank line. */
public sealed interface Item {
    SourceRef ref();

    record Blank(SourceRef ref) implements Item {
    }

    /**
     * @param text the event's JSON text exactly as it stands in the input (a batch element's own text), so a dead
     *             letter can keep its bytes; null when it could not be told. Its {@code toString()} is the text,
     *             which may be decoded from the input's bytes only then: read it only when it is needed.
     */
    record Good(SourceRef ref, Event event, CharSequence text) implements Item {
        public Good(SourceRef ref, Event event) {
            this(ref, event, null);
        }
    }

    /**
     * @param json     the parsed value when the line was JSON, else null
     * @param raw      with {@code json}: its JSON text exactly as it stands in the input (null when it could not be
     *                 told); without: the line's text (invalid UTF-8 shown with replacement characters)
     * @param rawBytes the exact bytes when they were not valid UTF-8 or held NUL bytes, else null
     */
    record Bad(SourceRef ref, Problem problem, JsonNode json, String raw, byte[] rawBytes) implements Item {
    }
}
