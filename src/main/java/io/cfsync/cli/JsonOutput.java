package io.cfsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The {@code --json} output of the read-only commands: one JSON document on stdout, ending in a newline, keys in a
 * fixed order (the documented contract; new keys may be added, none renamed). Stateless.
 */
final class JsonOutput {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Writes {@code doc}; returns the exit code: OK, or ABORTED when stdout cannot be written. */
    static int print(OutputStream out, ObjectNode doc) {
        try {
            out.write(MAPPER.writeValueAsBytes(doc));
            out.write('\n');
            out.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            return ExitCodes.ABORTED;
        }
    }
}
