package io.cfsync.input;

/**
 * How an input compares now with a position recorded by an earlier run and, further on, with the end of the frames
 * that run finished beyond it. Immutable.
 *
 * @param result     whether the input still holds what the position vouches for, and whether more follows
 * @param beyondSame whether the frames finished beyond the position are unchanged too
 */
public record PositionCheck(Result result, boolean beyondSame) {
    /** How the input compares with the recorded position. */
    public enum Result {
        /** Changed: shorter, other content, or its last recorded frame has grown. */
        DIFFERENT,
        /** Unchanged, and nothing follows: every frame was seen. */
        SAME_TO_END,
        /** Unchanged, and more frames follow (the input was appended to). */
        SAME_THEN_MORE
    }

    public static final PositionCheck DIFFERENT = new PositionCheck(Result.DIFFERENT, false);

    /**
     * An object read before under the same version tag holds the same bytes: whether it was finished, without
     * reading it again (downloading an archive again only to hash it would cost as much as reading it).
     */
    public static PositionCheck sameVersion(boolean complete) {
        return new PositionCheck(complete ? Result.SAME_TO_END : Result.SAME_THEN_MORE, true);
    }
}
