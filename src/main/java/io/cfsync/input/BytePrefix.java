package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.IntPredicate;

/**
 * Proves (or disproves) a {@link Position} of a framing over a byte stream: hashes the first {@code offset} bytes
 * of the input's decoded stream and compares them with the recorded SHA-256. Every byte framing can use it; the
 * framing says only which last byte closes a frame (NDJSON: a line end), since a recorded part that ended inside an
 * unfinished frame which has grown since is not what was read. Stateless.
 */
public final class BytePrefix {
    private static final int ENDED_EARLY = -2;

    private BytePrefix() {
    }

    /**
     * One pass over {@code src}: its first {@code at.offset()} bytes against {@code at.sha256()} and, when they
     * match and more follows, its first {@code beyond.offset()} bytes against {@code beyond.sha256()} ({@code beyond}
     * null: no such check).
     *
     * @param closesFrame whether a recorded part ending with this byte ended with a whole frame
     */
    public static PositionCheck compare(InputSource src, Position at, Position beyond, IntPredicate closesFrame)
            throws IOException {
        MessageDigest md = PositionTap.sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = src.open(InputStream.nullInputStream())) {
            int last = feed(in, md, buf, at.offset(), '\n');
            if (last == ENDED_EARLY || !hex(clone(md)).equals(at.sha256())) {
                return PositionCheck.DIFFERENT;
            }
            int next = in.read();
            if (next < 0) {
                return new PositionCheck(PositionCheck.Result.SAME_TO_END, false);
            }
            if (at.offset() > 0 && !closesFrame.test(last)) {
                // The recorded part ended inside a frame without its end: that frame has grown, so it changed.
                return PositionCheck.DIFFERENT;
            }
            boolean beyondSame = beyond != null && beyondSame(in, md, buf, next, beyond.offset() - at.offset(),
                    beyond.sha256());
            return new PositionCheck(PositionCheck.Result.SAME_THEN_MORE, beyondSame);
        } catch (java.io.EOFException e) {
            return PositionCheck.DIFFERENT; // a gzip cut short: not what was recorded
        }
    }

    /** Whether the {@code length} bytes from {@code first} on complete {@code md} to {@code sha256}. */
    private static boolean beyondSame(InputStream in, MessageDigest md, byte[] buf, int first, long length,
                                      String sha256) throws IOException {
        if (sha256 == null || length <= 0) {
            return false;
        }
        md.update((byte) first);
        try {
            return feed(in, md, buf, length - 1, first) != ENDED_EARLY && hex(md).equals(sha256);
        } catch (java.io.EOFException e) {
            return false;
        }
    }

    /** Feeds {@code n} bytes to {@code md}; the last byte fed ({@code before} when none), or {@link #ENDED_EARLY}. */
    private static int feed(InputStream in, MessageDigest md, byte[] buf, long n, int before) throws IOException {
        long left = n;
        int last = before;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                return ENDED_EARLY;
            }
            md.update(buf, 0, r);
            last = buf[r - 1];
            left -= r;
        }
        return last;
    }

    private static MessageDigest clone(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be copied", e);
        }
    }

    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
