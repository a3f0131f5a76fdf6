package io.cfsync.input;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * Sees where each line of an input ends in its decoded byte stream (after gunzip), and can take the SHA-256 of every
 * byte before that point, so a resume point can later be proven to lie in unchanged content. Called on the reading
 * thread, in line order.
 */
public interface ByteTap {
    /**
     * Line {@code line} was read; its bytes, line end included, end just before {@code endOffset}.
     *
     * @param digest gives a copy of the SHA-256 of bytes {@code [0, endOffset)}; valid only during this call. It costs
     *               a clone, so take it now and then, not for every line.
     */
    void lineEnd(long line, long endOffset, Supplier<MessageDigest> digest);

    /** The input was read to its end: {@code lines} lines, {@code length} bytes; {@code digest} covers them all. */
    void end(long lines, long length, Supplier<MessageDigest> digest);

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
