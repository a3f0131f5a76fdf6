package io.cfsync.dest;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value for one URL path segment exactly like JavaScript's {@code encodeURIComponent}:
 * {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} stay, everything else becomes UTF-8 {@code %XX} with upper-case hex
 * (a space is {@code %20}, never {@code +}). One rule, so golden files are stable.
 */
public final class PathSegment {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {
    }

    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = null;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (!unreserved(b)) {
                if (sb == null) {
                    sb = new StringBuilder(bytes.length + 16);
                    sb.append(new String(bytes, 0, i, StandardCharsets.US_ASCII));
                }
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            } else if (sb != null) {
                sb.append((char) b);
            }
        }
        return sb == null ? value : sb.toString();
    }

    private static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '!' || b == '~' || b == '*' || b == '\''
                || b == '(' || b == ')';
    }
}
