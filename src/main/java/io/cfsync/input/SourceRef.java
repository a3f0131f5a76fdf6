package io.cfsync.input;

/**
 * Where an event came from: the input as the user gave it ({@code -} for stdin) and its 1-based line number.
 * Events of one batch envelope share their line's reference.
 */
public record SourceRef(String file, long line) {
}
