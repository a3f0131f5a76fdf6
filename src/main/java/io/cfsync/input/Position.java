package io.cfsync.input;

/**
 * A point in one input that reading can resume after, as its framing defines it: the number of frames read
 * before it (for NDJSON, the line number), and what proves that the input still holds the same frames up to it
 * (for every framing over a byte stream, the offset just past the last frame in the decoded bytes and the SHA-256
 * of every byte before that offset). The ledger stores these three values as they are. Immutable.
 *
 * @param frame  how many frames lie before this point (1-based number of the last one; 0 is the start)
 * @param offset where this point lies in the framing's own terms (the decoded byte offset for byte framings)
 * @param sha256 the hex proof of what lies before it, or null when there is none (the start)
 */
public record Position(long frame, long offset, String sha256) {
    /** The start of every input: nothing read, nothing to prove. */
    public static final Position START = new Position(0, 0, null);
}
