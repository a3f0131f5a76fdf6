package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Tells a binary input from a text one by its first bytes (after gzip is undone), so that an image or an archive
 * given by mistake ends as one error naming the file instead of thousands of dead letters.
 *
 * <p>An input is binary when its first {@value #WINDOW} bytes hold a control byte (NUL, or any other below 0x20
 * but tab and carriage return; JSON text never holds one) or invalid UTF-8, and not one line among them looks like
 * an event: first non-blank byte {@code '{'} and no control byte. The second condition keeps a text file with a
 * few damaged lines (NUL padding left by a crash, lines in Latin-1) a text file: its damaged lines are
 * dead-lettered one by one and its good lines are read. Random or compressed data almost never has a line
 * opening with {@code '{'} free of control bytes, and UTF-16 text has a NUL in every line.
 */
final class TextSniff {
    static final int WINDOW = 8192;

    private TextSniff() {
    }

    /**
     * Reads the first bytes of {@code in}: up to {@value #WINDOW}, or less at end of input. For a stream that
     * arrives slowly ({@code waitForWindow} false: standard input) it stops as soon as what came settles the
     * question (a whole line that looks like an event), so a pipe is not held up waiting for 8 KiB.
     */
    static byte[] head(InputStream in, boolean waitForWindow) throws IOException {
        byte[] buf = new byte[WINDOW];
        int n = 0;
        while (n < WINDOW) {
            int r = in.read(buf, n, WINDOW - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (!waitForWindow && eventLineIn(buf, n)) {
                break;
            }
        }
        return n == WINDOW ? buf : java.util.Arrays.copyOf(buf, n);
    }

    /** Whether a whole line among the first {@code n} bytes looks like an event. */
    private static boolean eventLineIn(byte[] b, int n) {
        int start = 0;
        int nl;
        while ((nl = indexOf(b, start, n, (byte) '\n')) >= 0) {
            if (!hasControlByte(b, start, nl) && opensObject(b, start, nl)) {
                return true;
            }
            start = nl + 1;
        }
        return false;
    }

    static boolean binary(byte[] head) {
        boolean damaged = false;
        int start = 0;
        while (start < head.length) {
            int nl = indexOf(head, start, head.length, (byte) '\n');
            int end = nl >= 0 ? nl : head.length;
            boolean controls = hasControlByte(head, start, end);
            if (!controls && opensObject(head, start, end)) {
                return false;
            }
            damaged |= controls || !validUtf8(head, start, end - start, nl >= 0);
            start = end + 1;
        }
        return damaged;
    }

    private static boolean hasControlByte(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c >= 0 && c < 0x20 && c != '\t' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /** Strict UTF-8; a character cut by the end of the window does not count against a line. */
    private static boolean validUtf8(byte[] b, int off, int len, boolean complete) {
        if (Utf8.isValid(b, off, len)) {
            return true;
        }
        for (int cut = 1; !complete && cut <= 3 && cut < len; cut++) {
            if (Utf8.isValid(b, off, len - cut)) {
                return true;
            }
        }
        return false;
    }

    private static boolean opensObject(byte[] b, int from, int to) {
        int i = bomAt(b, from, to) ? from + 3 : from;
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
            i++;
        }
        return i < to && b[i] == '{';
    }

    private static boolean bomAt(byte[] b, int i, int to) {
        return i + 2 < to && (b[i] & 0xff) == 0xef && (b[i + 1] & 0xff) == 0xbb && (b[i + 2] & 0xff) == 0xbf;
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
