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
