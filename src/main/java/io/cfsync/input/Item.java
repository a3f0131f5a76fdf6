package io.cfsync.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.event.Event;
import io.cfsync.event.Problem;

/** One thing read from an input: a valid event, an invalid one (with why), or a blank line. */
public sealed interface Item {
    SourceRef ref();

    record Blank(SourceRef ref) implements Item {
    }

    record Good(SourceRef ref, Event event) implements Item {
    }

    /**
     * @param json     the parsed value when the line was JSON, else null
     * @param raw      the line's text when it was not JSON (invalid UTF-8 shown with replacement characters)
     * @param rawBytes the exact bytes when they were not valid UTF-8, else null
     */
    record Bad(SourceRef ref, Problem problem, JsonNode json, String raw, byte[] rawBytes) implements Item {
    }
}
