package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding: {@code \n} ends a line, a trailing {@code \r} is dropped, and a
 * UTF-8 BOM before the first line is skipped. Lines of any length are read; the buffer grows as needed and memory
 * stays bounded by the longest line. Not thread-safe.
 */
final class LineReader {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    private boolean first = true;
    private int lineStart;
    private int lineLen;
    /** Stream offset of buf[0]; bytes of buf before {@code fed} are in {@code digest} already. */
    private long base;
    private int fed;
    private java.security.MessageDigest digest;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at end of input. */
    boolean next() throws IOException {
        int scan = start;
        while (true) {
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    setLine(start, i);
                    start = i + 1;
                    return true;
                }
            }
            scan = end;
            if (eof) {
                if (start < end) {
                    setLine(start, end);
                    start = end;
                    return true;
                }
                return false;
            }
            if (start > 0) {
                digestThrough(start);
                base += start;
                fed = 0;
                System.arraycopy(buf, start, buf, 0, end - start);
                scan -= start;
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, end);
                buf = bigger;
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    private void setLine(int from, int to) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        if (first) {
            first = false;
            if (to - from >= 3 && (buf[from] & 0xff) == 0xef && (buf[from + 1] & 0xff) == 0xbb
                    && (buf[from + 2] & 0xff) == 0xbf) {
                from += 3;
            }
        }
        lineStart = from;
        lineLen = to - from;
    }

    /** Hashes every byte of the stream into {@code md}, from the first one; call before the first {@link #next}. */
    void digest(java.security.MessageDigest md) {
        this.digest = md;
    }

    /** The offset just past the current line, its line end included, in the stream. */
    long endOffset() {
        return base + start;
    }

    /** A copy of the digest of every byte before {@link #endOffset}. */
    java.security.MessageDigest digestSnapshot() {
        digestThrough(start);
        try {
            return (java.security.MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be copied", e);
        }
    }

    private void digestThrough(int to) {
        if (digest != null && to > fed) {
            digest.update(buf, fed, to - fed);
        }
        fed = to;
    }

    byte[] buffer() {
        return buf;
    }

    int lineStart() {
        return lineStart;
    }

    int lineLength() {
        return lineLen;
    }
}
