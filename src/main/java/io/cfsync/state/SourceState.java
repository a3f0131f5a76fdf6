package io.cfsync.state;

/**
 * What the ledger knows of one input: where a resumed run starts reading it. Immutable.
 *
 * @param watermark    the line up to which every event is finished
 * @param offset       the byte offset just past that line in the decoded input, or -1 when not recorded
 * @param prefixSha256 SHA-256 (hex) of the input's first {@code offset} bytes, or null when not recorded
 *                     (ledgers of schema 1)
 * @param complete     every line of the input was finished, and {@code offset} is its whole length
 * @param beyond       lines after the watermark that finished too, or {@link Beyond#NONE}
 */
public record SourceState(String path, long watermark, long offset, String prefixSha256, boolean complete,
                          Beyond beyond) {
    /**
     * Lines after the watermark that finished too (events finish out of order): a resumed run does not read
     * them again (a dead-lettered line read again would be dead-lettered twice).
     *
     * @param lines  the line numbers as ranges, {@code "12-15,18"}, or null for none
     * @param offset the byte offset just past the last of those lines, or -1
     * @param sha256 SHA-256 (hex) of the input's first {@code offset} bytes: the ranges are used only while
     *               those bytes are unchanged
     */
    public record Beyond(String lines, long offset, String sha256) {
        public static final Beyond NONE = new Beyond(null, -1, null);
    }

    public SourceState {
        beyond = beyond == null ? Beyond.NONE : beyond;
    }

    /** A resume point with no lines finished beyond it. */
    public SourceState(String path, long watermark, long offset, String prefixSha256, boolean complete) {
        this(path, watermark, offset, prefixSha256, complete, Beyond.NONE);
    }

    public String finishedBeyond() {
        return beyond.lines();
    }

    public long beyondOffset() {
        return beyond.offset();
    }

    public String beyondSha256() {
        return beyond.sha256();
    }
}
