package io.cfsync.input;

import io.cfsync.event.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a line over the size limit becomes: an invalid item ({@code line-too-long}) naming its length and the limit,
 * with its first bytes as its raw text so that a person can tell which record it was. Those bytes are cut back to
 * the last JSON delimiter (quote, comma, bracket, brace or blank) so that no value is cut in the middle:
 * a secret cut in two would no longer be recognised by the redactor, and half of it would be shown. Write keys are
 * taken out as for every line shown. Stateless.
 */
final class LongLines {
    static final String CODE = "line-too-long";

    private LongLines() {
    }

    static Item.Bad item(SourceRef ref, long length, byte[] head, int maxLine) {
        byte[] shown = WriteKeys.scrub(Arrays.copyOf(head, toDelimiter(head)));
        Problem p = Problem.of(CODE, "line of " + length + " bytes is longer than the " + maxLine
                + " bytes cf-sync reads (--max-line-bytes); skipped unread, raw holds its first bytes");
        boolean utf8 = Utf8.isValid(shown, 0, shown.length);
        return new Item.Bad(ref, p, null, new String(shown, StandardCharsets.UTF_8), utf8 ? null : shown);
    }

    /**
     * A dead letter of such a line given back as input: it holds only the line's first bytes, so it cannot be
     * replayed; it stays {@code line-too-long}, naming where the whole line is, instead of failing as cut JSON.
     */
    static Item.Bad replayed(SourceRef ref, com.fasterxml.jackson.databind.JsonNode entry) {
        String where = entry.path("file").asText() + ":" + entry.path("line").asText();
        return new Item.Bad(ref, Problem.of(CODE, "a dead letter of a line too long to read, which holds only its "
                + "first bytes: replay the line itself (" + where + ") with a higher --max-line-bytes"), null,
                entry.path("raw").asText(), null);
    }

    /** How many bytes of {@code head} end with its last delimiter: 0 when it has none. */
    static int toDelimiter(byte[] head) {
        for (int i = head.length - 1; i >= 0; i--) {
            switch (head[i]) {
                case '"', ',', '{', '}', '[', ']', ' ', '\t', '\r' -> {
                    return i + 1;
                }
                default -> { }
            }
        }
        return 0;
    }
}
