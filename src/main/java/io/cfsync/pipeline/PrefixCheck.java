package io.cfsync.pipeline;

import io.cfsync.input.ByteTap;
import io.cfsync.input.InputSource;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Proves (or disproves) that an input still starts with the bytes a resume point was recorded for: hashes the first
 * {@code offset} bytes of its decoded stream and compares them with the recorded SHA-256. Stateless.
 */
final class PrefixCheck {
    /** How the input compares with the recorded prefix. */
    enum Result {
        /** Changed: shorter, other bytes, or its last recorded line has grown. */
        DIFFERENT,
        /** Unchanged, and nothing follows: every line was seen. */
        SAME_TO_END,
        /** Unchanged, and more lines follow (the input was appended to). */
        SAME_THEN_MORE
    }

    private PrefixCheck() {
    }

    /** How the input compares with a resume point and, further on, with the end of the lines finished beyond it. */
    record Comparison(Result result, boolean beyondSame) {
    }

    /**
     * An object read before under the same version tag holds the same bytes: whether it was finished, without
     * reading it again (downloading an archive again only to hash it would cost as much as reading it).
     */
    static Comparison sameVersion(boolean complete) {
        return new Comparison(complete ? Result.SAME_TO_END : Result.SAME_THEN_MORE, true);
    }

    static Result check(InputSource src, long offset, String sha256) throws IOException {
        return check(src, offset, sha256, -1, null).result();
    }

    /**
     * One pass over the input: its first {@code offset} bytes against {@code sha256} and, when they match and more
     * follows, its first {@code beyondOffset} bytes against {@code beyondSha256} (null: no such check).
     */
    static Comparison check(InputSource src, long offset, String sha256, long beyondOffset, String beyondSha256)
            throws IOException {
        MessageDigest md = ByteTap.sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = src.open(InputStream.nullInputStream())) {
            int last = feed(in, md, buf, offset, '\n');
            if (last == ENDED_EARLY || !hex(clone(md)).equals(sha256)) {
                return new Comparison(Result.DIFFERENT, false);
            }
            int next = in.read();
            if (next < 0) {
                return new Comparison(Result.SAME_TO_END, false);
            }
            if (last != '\n') {
                // The recorded part ended inside a line without its line end: that line has grown, so it changed.
                return new Comparison(Result.DIFFERENT, false);
            }
            return new Comparison(Result.SAME_THEN_MORE, beyondSame(in, md, buf, next, beyondOffset - offset,
                    beyondSha256));
        } catch (java.io.EOFException e) {
            return new Comparison(Result.DIFFERENT, false); // a gzip cut short: not what was recorded
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

    private static final int ENDED_EARLY = -2;

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
