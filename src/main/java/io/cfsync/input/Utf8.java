package io.cfsync.input;

/** Strict UTF-8 validation: rejects overlong forms, encoded surrogates, code points above U+10FFFF, cut sequences. */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c >= 0xc2 && c <= 0xdf) {
                if (i + 1 >= end || !cont(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xe0 && c <= 0xef) {
                if (i + 2 >= end) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if (!cont(b[i + 1]) || !cont(b[i + 2])
                        || (c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xf0 && c <= 0xf4) {
                if (i + 3 >= end) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if (!cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])
                        || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean cont(byte x) {
        return (x & 0xc0) == 0x80;
    }
}
