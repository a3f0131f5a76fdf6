package io.cfsync.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Locale;

/**
 * NDJSON's framing: a frame is a line ({@link LineReader}: {@code \n} ends it, a trailing {@code \r} and a leading
 * byte-order mark are dropped), an input whose first bytes are binary is refused whole ({@link TextSniff}), and a
 * position is a line number with the offset just past its line end and the SHA-256 of every byte before it, proven
 * by {@link BytePrefix} (a recorded part must end with a line end). Files named {@code *.ndjson}, {@code *.jsonl},
 * {@code *.json} (gzip too) are NDJSON, and so is any input no other framing names. Stateless and thread-safe.
 */
final class LineFrames implements Framing {
    public static final LineFrames NDJSON = new LineFrames();
    private static final String[] SUFFIXES = {".ndjson", ".jsonl", ".json"};

    private LineFrames() {
    }

    @Override
    public String name() {
        return "ndjson";
    }

    @Override
    public String frameName() {
        return "line";
    }

    @Override
    public boolean names(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        for (String s : SUFFIXES) {
            if (n.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Frames open(InputSource source, InputStream in, int maxFrameBytes) throws IOException {
        byte[] head = TextSniff.head(in, !source.isStream());
        if (TextSniff.binary(head)) {
            throw new InputDataException("binary", source.name() + ": not text (binary data); skipped");
        }
        return new LineReader(new SequenceInputStream(new ByteArrayInputStream(head), in), maxFrameBytes);
    }

    @Override
    public PositionCheck compare(InputSource source, Position at, Position beyond) throws IOException {
        return BytePrefix.compare(source, at, beyond, last -> last == '\n');
    }
}
