package io.cfsync.input;

/**
 * Where an event came from: the input as the user gave it ({@code -} for stdin), its 1-based line number and, for
 * an element of a batch (a Segment batch or a RudderStack envelope), its 0-based index in that batch. Events of one
 * batch share their line's number, so a line is finished only once all of its events are.
 *
 * @param index the element's index in its line's batch, or {@link #NO_INDEX} for a line holding one event
 */
public record SourceRef(String file, long line, int index) {
    public static final int NO_INDEX = -1;

    /** A line holding one event. */
    public SourceRef(String file, long line) {
        this(file, line, NO_INDEX);
    }

    /** The {@code i}-th element of this line's batch. */
    public SourceRef element(int i) {
        return new SourceRef(file, line, i);
    }

    /** {@code file:line}, with {@code [index]} for a batch element: how messages name it. */
    public String describe() {
        return file + ":" + line + (index == NO_INDEX ? "" : "[" + index + "]");
    }
}
