package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding: {@code \n} ends a line, a trailing {@code \r} is dropped, and a
 * UTF-8 BOM before the first line is skipped. A line longer than the limit given (its bytes without the line end)
 * is not held: it is streamed past, hashed like every other byte, and only its length and its first
 * {@value #HEAD} bytes are kept ({@link #tooLong}). The buffer grows only up to the limit, so memory stays bounded
 * by it whatever one line holds. NDJSON's {@link Frames}: a frame is a line. Not thread-safe.
 */
final class LineReader implements Frames {
    /** How many bytes of a line over the limit are kept, to show what it was. */
    static final int HEAD = 1024;
    private final InputStream in;
    private final int maxLine;
    private byte[] buf;
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
    /** The current line was over the limit: its length, else -1. */
    private long tooLong = -1;
    private byte[] head;

    /** A reader for lines of at most {@code maxLine} bytes (at least 1); longer ones are skipped. */
    LineReader(InputStream in, int maxLine) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("a line limit must be at least 1 byte");
        }
        this.in = in;
        this.maxLine = maxLine;
        this.buf = new byte[(int) Math.min(1 << 16, maxLine + 2L)];
    }

    /** Advances to the next line; false at end of input. */
    @Override
    public boolean next() throws IOException {
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
            if (end - start > maxLine + 1L) {
                // More than the limit and a carriage return without a line end: too long, whatever follows.
                return skipLong();
            }
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
                // Room for a line at the limit with its \r\n, never more.
                byte[] bigger = new byte[(int) Math.min(buf.length * 2L, maxLine + 2L)];
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

    /**
     * Streams past the rest of a line over the limit, keeping its first bytes; every byte is hashed before its
     * buffer is reused, so the offsets and digests after it are those of the input as it is.
     */
    private boolean skipLong() throws IOException {
        head = java.util.Arrays.copyOfRange(buf, start, start + Math.min(HEAD, end - start));
        first = false;
        long length = 0;
        int last = -1;
        while (true) {
            int nl = indexOfNewline(start, end);
            int stop = nl >= 0 ? nl : end;
            length += stop - start;
            last = stop > start ? buf[stop - 1] : last;
            if (nl >= 0) {
                start = nl + 1;
                break;
            }
            start = end;
            if (eof) {
                break;
            }
            digestThrough(end);
            base += end;
            fed = 0;
            start = 0;
            end = 0;
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
            } else {
                end = n;
            }
        }
        tooLong = last == '\r' ? length - 1 : length;
        if (head.length > tooLong) {
            head = java.util.Arrays.copyOf(head, (int) tooLong); // a line end read with it is not the line's
        }
        lineStart = start;
        lineLen = 0;
        return true;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void setLine(int from, int to) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        tooLong = -1;
        if (first) {
            first = false;
            if (to - from >= 3 && (buf[from] & 0xff) == 0xef && (buf[from + 1] & 0xff) == 0xbb
                    && (buf[from + 2] & 0xff) == 0xbf) {
                from += 3;
            }
        }
        if (to - from > maxLine) {
            head = java.util.Arrays.copyOfRange(buf, from, from + Math.min(HEAD, to - from));
            tooLong = to - from;
            lineStart = to;
            lineLen = 0;
            return;
        }
        lineStart = from;
        lineLen = to - from;
    }

    /** The current line's length in bytes when it is over the limit (it is then not in the buffer), else -1. */
    @Override
    public long tooLong() {
        return tooLong;
    }

    /** The first bytes (at most {@value #HEAD}) of the current line when it is over the limit. */
    @Override
    public byte[] head() {
        return head.clone();
    }

    /** Hashes every byte of the stream into {@code md}, from the first one; call before the first {@link #next}. */
    @Override
    public void digest(java.security.MessageDigest md) {
        this.digest = md;
    }

    /** The offset just past the current line, its line end included, in the stream. */
    @Override
    public long endOffset() {
        return base + start;
    }

    /** A copy of the digest of every byte before {@link #endOffset}. */
    @Override
    public java.security.MessageDigest digestSnapshot() {
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

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int frameStart() {
        return lineStart;
    }

    @Override
    public int frameLength() {
        return lineLen;
    }
}
