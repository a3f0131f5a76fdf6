package io.cfsync.input.lengthprefixed;

import io.cfsync.input.Frames;
import io.cfsync.input.InputDataException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The records of one length-prefixed input. A record over the limit is streamed past (its first bytes kept); a
 * record cut short by the end of the input ends the input with an error naming it. Every byte read is hashed, so
 * every record end is a provable position. Not thread-safe.
 */
final class LengthPrefixedFrames implements Frames {
    private static final int HEAD = 1024;
    private final String name;
    private final InputStream in;
    private final int max;
    private byte[] buf = new byte[256];
    private int length;
    private long tooLong = -1;
    private byte[] head;
    private long offset;
    private long records;
    private MessageDigest digest;

    LengthPrefixedFrames(String name, InputStream in, int max) {
        this.name = name;
        this.in = in;
        this.max = max;
    }

    @Override
    public boolean next() throws IOException {
        byte[] prefix = new byte[4];
        int got = read(prefix, 4);
        if (got == 0) {
            return false;
        }
        long n = got < 4 ? -1 : ((prefix[0] & 0xffL) << 24) | ((prefix[1] & 0xff) << 16)
                | ((prefix[2] & 0xff) << 8) | (prefix[3] & 0xff);
        if (n > max) {
            return skip(n);
        }
        if (n > buf.length) {
            buf = new byte[(int) Math.max(n, buf.length * 2L)];
        }
        if (n < 0 || read(buf, (int) n) < n) {
            throw new InputDataException("record-truncated", name + ": record " + (records + 1) + " is cut short");
        }
        length = (int) n;
        tooLong = -1;
        records++;
        return true;
    }

    private boolean skip(long n) throws IOException {
        head = new byte[HEAD];
        int kept = read(head, HEAD);
        head = Arrays.copyOf(head, kept);
        byte[] scratch = new byte[8192];
        long left = n - kept;
        while (left > 0) {
            int r = read(scratch, (int) Math.min(scratch.length, left));
            if (r == 0) {
                throw new InputDataException("record-truncated", name + ": record " + (records + 1) + " is cut short");
            }
            left -= r;
        }
        tooLong = n;
        length = 0;
        records++;
        return true;
    }

    /** Reads up to {@code n} bytes into {@code b}, hashing them; fewer only at the end of the input. */
    private int read(byte[] b, int n) throws IOException {
        int got = in.readNBytes(b, 0, n);
        if (digest != null) {
            digest.update(b, 0, got);
        }
        offset += got;
        return got;
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int frameStart() {
        return 0;
    }

    @Override
    public int frameLength() {
        return length;
    }

    @Override
    public long tooLong() {
        return tooLong;
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    @Override
    public void digest(MessageDigest md) {
        this.digest = md;
    }

    @Override
    public long endOffset() {
        return offset;
    }

    @Override
    public MessageDigest digestSnapshot() {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be copied", e);
        }
    }
}
