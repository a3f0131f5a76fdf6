package io.cfsync.input;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * Sees every {@link Position} an input passes as it is read: where each frame ends in its decoded byte stream
 * (after gunzip), with the SHA-256 of every byte before that point at hand, so a resume point can later be proven
 * to lie in unchanged content ({@link Framing#compare}). Called on the reading thread, in frame order.
 */
public interface PositionTap {
    /**
     * Frame {@code frame} (for NDJSON, a line) was read; its bytes, frame end included, end just before
     * {@code endOffset}.
     *
     * @param digest gives a copy of the SHA-256 of bytes {@code [0, endOffset)}; valid only during this call. It costs
     *               a clone, so take it now and then, not for every frame.
     */
    void frameEnd(long frame, long endOffset, Supplier<MessageDigest> digest);

    /** The input was read to its end: {@code frames} frames, {@code length} bytes; {@code digest} covers them all. */
    void end(long frames, long length, Supplier<MessageDigest> digest);

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
