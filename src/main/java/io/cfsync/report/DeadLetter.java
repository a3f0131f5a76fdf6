package io.cfsync.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the dead-letter file ({@link DeadLetters}): what went wrong, for one line or event. {@code status}
 * is 0 when there was no HTTP answer. With {@code event}, {@code raw} is the event's JSON text exactly as read
 * (written verbatim, so the entry keeps the original bytes), or null to write the parsed event; without
 * {@code event}, {@code raw} is the line's text. Immutable.
 */
public record DeadLetter(String reason, String detail, String file, long line, JsonNode event, String raw,
                         byte[] rawBytes, int status, String response, int index) {
    /**
     * An entry for the line at {@code file}:{@code line}, dead-lettered for {@code reason}; the builder names
     * the rest, which defaults to none (no detail, event, text or answer; index -1, a line of one event).
     */
    public static Builder of(String reason, String file, long line) {
        return new Builder(reason, file, line);
    }

    /** Names an entry's parts, so no call site lists ten of them by position. Not thread-safe. */
    public static final class Builder {
        private final String reason;
        private final String file;
        private final long line;
        private String detail;
        private JsonNode event;
        private String raw;
        private byte[] rawBytes;
        private int status;
        private String response;
        private int index = -1;

        private Builder(String reason, String file, long line) {
            this.reason = reason;
            this.file = file;
            this.line = line;
        }

        public Builder detail(String why) {
            this.detail = why;
            return this;
        }

        /** The parsed event, and its JSON text exactly as read (or null to write {@code json} again). */
        public Builder event(JsonNode json, String text) {
            this.event = json;
            this.raw = text;
            return this;
        }

        /** A line that is no event: its text, and its bytes when the text cannot hold them (or null). */
        public Builder line(String text, byte[] bytes) {
            this.raw = text;
            this.rawBytes = bytes;
            return this;
        }

        /** The vendor's answer: its HTTP status (0 for none) and a redacted excerpt of its body. */
        public Builder answer(int httpStatus, String body) {
            this.status = httpStatus;
            this.response = body;
            return this;
        }

        public Builder index(int inBatch) {
            this.index = inBatch;
            return this;
        }

        public DeadLetter build() {
            return new DeadLetter(reason, detail, file, line, event, raw, rawBytes, status, response, index);
        }
    }
}
