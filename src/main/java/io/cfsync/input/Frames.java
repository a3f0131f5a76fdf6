package io.cfsync.input;

import java.io.IOException;
import java.security.MessageDigest;

/**
 * One input split by its {@link Framing} into frames, in order: each frame holds the bytes of one JSON value (an
 * event, an envelope, a dead-letter entry) or nothing but blanks, which {@link EventReader} decodes alike whatever
 * the framing. A frame longer than the limit the framing was opened with is not held: only its length and first
 * bytes are kept, and it becomes {@code line-too-long}. Every byte of the input, frame ends included, can be
 * hashed as it passes, so that every frame end is a {@link Position} an earlier run can be proven to have read.
 * Not thread-safe: read on one thread.
 */
public interface Frames {
    /** Advances to the next frame; false at the end of the input. */
    boolean next() throws IOException;

    /** Holds the current frame's bytes at {@link #frameStart}, {@link #frameLength}; valid until {@link #next}. */
    byte[] buffer();

    int frameStart();

    int frameLength();

    /** The current frame's length in bytes when it is over the limit (it is then not held), else -1. */
    long tooLong();

    /** The first bytes of the current frame when it is over the limit (a copy). */
    byte[] head();

    /** Hashes every byte of the input into {@code md}, from the first one; call before the first {@link #next}. */
    void digest(MessageDigest md);

    /** Where the current frame ends, its frame end included: the offset of its {@link Position}. */
    long endOffset();

    /** A copy of the digest of every byte before {@link #endOffset}. */
    MessageDigest digestSnapshot();
}
