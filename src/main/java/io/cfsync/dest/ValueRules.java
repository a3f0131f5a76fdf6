package io.cfsync.dest;

import java.util.regex.Pattern;

/**
 * Value rules shared by translators: UTF-8 byte lengths, truncation at a character boundary, e-mail shape, unix
 * seconds. Stateless.
 */
public final class ValueRules {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private ValueRules() {
    }

    /** Length in UTF-8 bytes. */
    public static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i += charsAt(s, i)) {
            n += utf8Width(s, i);
        }
        return n;
    }

    /** The longest prefix of {@code s} that fits in {@code maxBytes} UTF-8 bytes, never splitting a character. */
    public static String truncateUtf8(String s, int maxBytes) {
        int n = 0;
        for (int i = 0; i < s.length(); i += charsAt(s, i)) {
            n += utf8Width(s, i);
            if (n > maxBytes) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /**
     * The UTF-8 bytes of the character starting at {@code i}: 4 for a surrogate pair, 3 for a lone surrogate
     * (counted as the replacement character an encoder puts in its place).
     */
    private static int utf8Width(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return charsAt(s, i) == 2 ? 4 : 3;
    }

    /** 2 when a surrogate pair starts at {@code i}, else 1. */
    private static int charsAt(CharSequence s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
    }

    public static boolean looksLikeEmail(String s) {
        return s != null && s.indexOf('@') > 0 && EMAIL.matcher(s).matches();
    }

    /** Unix seconds: {@code floor(epochMillis / 1000)}. */
    public static long unixSeconds(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }
}
