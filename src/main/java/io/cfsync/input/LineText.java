package io.cfsync.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An event's JSON text exactly as read, kept as its UTF-8 bytes and decoded only when someone reads it (a dead
 * letter, a message). Nearly every event is delivered and its text never read, and decoding each line into a
 * {@code String} cost the reading thread about a quarter of its time. The bytes are copied, since the framing
 * reuses its buffer. Immutable in what it shows; safe to read from any thread (the decoded text is cached with a
 * benign race: every thread decodes the same bytes to an equal string).
 */
final class LineText implements CharSequence {
    private final byte[] bytes;
    private String text;

    private LineText(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The text of {@code buf[off, off + len)}, which must be valid UTF-8. */
    static LineText of(byte[] buf, int off, int len) {
        return new LineText(Arrays.copyOfRange(buf, off, off + len));
    }

    /** How many bytes the text takes: at least its length in characters, and known without decoding. */
    int byteLength() {
        return bytes.length;
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = new String(bytes, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    @Override
    public int length() {
        return toString().length();
    }

    @Override
    public char charAt(int index) {
        return toString().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }
}
