package io.cfsync.input;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ValueNode;

/**
 * Builds trees exactly as Jackson's default factory does, and notes whether any floating-point number came out
 * non-finite ({@code 1e999}). A line with none, and with too few brackets to nest too deeply, needs no walk of its
 * tree to hold it to the event limits. Not thread-safe: one per reader.
 */
final class FiniteWatch extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    private boolean nonFinite;

    FiniteWatch() {
        super(false);
    }

    /** Forgets what earlier trees held; call before each parse. */
    void reset() {
        nonFinite = false;
    }

    /** Whether a number built since {@link #reset} was infinite or not a number. */
    boolean sawNonFinite() {
        return nonFinite;
    }

    @Override
    public NumericNode numberNode(double v) {
        nonFinite |= !Double.isFinite(v);
        return super.numberNode(v);
    }

    @Override
    public ValueNode numberNode(Double v) {
        nonFinite |= v != null && !Double.isFinite(v);
        return super.numberNode(v);
    }

    @Override
    public NumericNode numberNode(float v) {
        nonFinite |= !Float.isFinite(v);
        return super.numberNode(v);
    }

    @Override
    public ValueNode numberNode(Float v) {
        nonFinite |= v != null && !Float.isFinite(v);
        return super.numberNode(v);
    }
}
