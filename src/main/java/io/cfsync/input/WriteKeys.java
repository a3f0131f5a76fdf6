package io.cfsync.input;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Takes a source's write key out of input text that is shown or written again: a RudderStack or Segment envelope
 * carries the key that lets anyone send events as that source, and a line too broken to parse (cut short, say)
 * would otherwise be dead-lettered with its raw text. Only the value after a {@code "writeKey"} (or
 * {@code "write_key"}, any case, escaped inside a string too) is replaced, up to its closing quote or the end of
 * the text. Stateless and thread-safe.
 */
final class WriteKeys {
    static final String REDACTED = "<redacted>";
    private static final Pattern VALUE = Pattern.compile("(?i)(\\\\?\"write_?key\\\\?\"\\s*:\\s*\\\\?\")[^\"\\\\]*");

    private WriteKeys() {
    }

    static boolean isWriteKeyName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("writekey") || n.equals("write_key");
    }

    /** Whether {@code text} may hold a write key. */
    static boolean mentions(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("writekey") || t.contains("write_key");
    }

    static String scrub(String text) {
        return text == null || !mentions(text) ? text : VALUE.matcher(text).replaceAll("$1" + REDACTED);
    }

    /** As {@link #scrub(String)} for raw bytes (which need not be UTF-8: only ASCII is matched). */
    static byte[] scrub(byte[] bytes) {
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        return mentions(latin) ? scrub(latin).getBytes(StandardCharsets.ISO_8859_1) : bytes;
    }
}
