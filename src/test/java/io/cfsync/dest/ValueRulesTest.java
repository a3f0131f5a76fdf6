package io.cfsync.dest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UTF-8 lengths agree with the bytes Java writes, and truncation never cuts a character in two. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ValueRulesTest {
    private static final List<String> SAMPLES = List.of("", "plain", "café", "Grüße aus Köln", "日本語のテキスト",
            "emoji 😀 and 👍🏽", "mixed a\u00e9\u4e2d😀z", "\u007f\u0080\u07ff\u0800\uffff");

    @Test
    void lengthIsTheNumberOfUtf8Bytes() {
        for (String s : SAMPLES) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, ValueRules.utf8Length(s), s);
        }
    }

    @Test
    void truncationKeepsTheLongestWholePrefixThatFits() {
        for (String s : SAMPLES) {
            int total = ValueRules.utf8Length(s);
            for (int max = 0; max <= total + 1; max++) {
                String cut = ValueRules.truncateUtf8(s, max);
                assertTrue(s.startsWith(cut), s);
                assertTrue(ValueRules.utf8Length(cut) <= max, s + " at " + max);
                assertTrue(cut.isEmpty() || !Character.isHighSurrogate(cut.charAt(cut.length() - 1)),
                        "split a surrogate pair: " + s + " at " + max);
                if (cut.length() < s.length()) {
                    int next = Character.charCount(s.codePointAt(cut.length()));
                    String longer = s.substring(0, cut.length() + next);
                    assertTrue(ValueRules.utf8Length(longer) > max, "could keep more of " + s + " at " + max);
                }
            }
            assertEquals(s, ValueRules.truncateUtf8(s, total));
        }
    }

    @Test
    void aLoneSurrogateCountsAsTheThreeBytesOfAReplacementCharacter() {
        String lone = "a\ud83d";
        assertEquals(4, ValueRules.utf8Length(lone));
        assertEquals("a", ValueRules.truncateUtf8(lone, 3));
    }
}
