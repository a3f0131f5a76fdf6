package io.cfsync.dest;

import java.util.regex.Pattern;

/** Small text rules shared by translators: UTF-8 lengths, truncation at a character boundary, e-mail shape. */
public final class Text {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Text() {
    }

    /** Length in UTF-8 bytes. */
    public static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The longest prefix of {@code s} that fits in {@code maxBytes} UTF-8 bytes, never splitting a character. */
    public static String truncateUtf8(String s, int maxBytes) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int w;
            int step = 1;
            if (c < 0x80) {
                w = 1;
            } else if (c < 0x800) {
                w = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                w = 4;
                step = 2;
            } else {
                w = 3;
            }
            if (n + w > maxBytes) {
                return s.substring(0, i);
            }
            n += w;
            i += step - 1;
        }
        return s;
    }

    public static boolean looksLikeEmail(String s) {
        return s != null && s.indexOf('@') > 0 && EMAIL.matcher(s).matches();
    }

    /** Unix seconds: {@code floor(epochMillis / 1000)}. */
    public static long unixSeconds(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }
}
