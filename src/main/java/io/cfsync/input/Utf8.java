package io.cfsync.input;

/** Strict UTF-8 validation: rejects overlong forms, encoded surrogates, code points above U+10FFFF, cut sequences. */
final class Utf8 {
    /** {@link #scan}: the line holds a NUL byte (told before validity). */
    static final int NUL = -1;
    /** {@link #scan}: the line is not valid UTF-8. */
    static final int INVALID = -2;

    private Utf8() {
    }

    static boolean isValid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int n = sequence(b, i, end);
            if (n == 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /**
     * One pass over a line, since reading is the hot path: {@link #NUL} when it holds a NUL byte, else
     * {@link #INVALID} when it is not valid UTF-8, else how many {@code '{'} and {@code '['} bytes it holds, which
     * bounds how deeply its JSON can nest.
     */
    static int scan(byte[] b, int off, int len) {
        int end = off + len;
        int opens = 0;
        int i = off;
        while (i < end) {
            int c = b[i];
            if (c > 0) {
                if (c == '{' || c == '[') {
                    opens++;
                }
                i++;
            } else if (c == 0) {
                return NUL;
            } else {
                int n = sequence(b, i, end);
                if (n == 0) {
                    return hasNul(b, i, end) ? NUL : INVALID;
                }
                i += n;
            }
        }
        return opens;
    }

    private static boolean hasNul(byte[] b, int from, int end) {
        for (int j = from; j < end; j++) {
            if (b[j] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The length of the valid multi-byte sequence starting at {@code i} (before {@code end}), or 0. */
    static int sequenceLength(byte[] b, int i, int end) {
        return sequence(b, i, end);
    }

    private static int sequence(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        if (c >= 0xc2 && c <= 0xdf) {
            return i + 1 < end && cont(b[i + 1]) ? 2 : 0;
        }
        if (c >= 0xe0 && c <= 0xef) {
            if (i + 2 >= end) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            return !cont(b[i + 1]) || !cont(b[i + 2]) || (c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)
                    ? 0 : 3;
        }
        if (c >= 0xf0 && c <= 0xf4) {
            if (i + 3 >= end) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            return !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])
                    || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f) ? 0 : 4;
        }
        return 0;
    }

    private static boolean cont(byte x) {
        return (x & 0xc0) == 0x80;
    }
}
