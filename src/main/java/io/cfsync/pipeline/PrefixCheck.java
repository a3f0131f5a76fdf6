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

    static Result check(InputSource src, long offset, String sha256) throws IOException {
        MessageDigest md = ByteTap.sha256();
        byte[] buf = new byte[1 << 20];
        long left = offset;
        int last = '\n';
        try (InputStream in = src.open(InputStream.nullInputStream())) {
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return Result.DIFFERENT;
                }
                md.update(buf, 0, n);
                last = buf[n - 1];
                left -= n;
            }
            if (!HexFormat.of().formatHex(md.digest()).equals(sha256)) {
                return Result.DIFFERENT;
            }
            if (in.read() < 0) {
                return Result.SAME_TO_END;
            }
            // The recorded part ended inside a line without its line end: that line has grown, so it changed.
            return last == '\n' ? Result.SAME_THEN_MORE : Result.DIFFERENT;
        } catch (java.io.EOFException e) {
            return Result.DIFFERENT; // a gzip cut short: not what was recorded; reading it says more
        }
    }
}
