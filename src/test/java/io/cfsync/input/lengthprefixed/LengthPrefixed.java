package io.cfsync.input.lengthprefixed;

import io.cfsync.input.BytePrefix;
import io.cfsync.input.Frames;
import io.cfsync.input.Framing;
import io.cfsync.input.InputSource;
import io.cfsync.input.Position;
import io.cfsync.input.PositionCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * A format that is not lines, known only to tests ({@code *.lpf}): each record is a 4-byte big-endian length and
 * that many bytes of JSON. It is built on the input package's public seam alone, as a new format would be, to show
 * that reading, envelopes, decoding and resuming need nothing else: a position is a record number with the offset
 * after it and the hash of the bytes before it, and every record end is a whole record. Stateless.
 */
public final class LengthPrefixed implements Framing {
    public static final LengthPrefixed FRAMING = new LengthPrefixed();

    private LengthPrefixed() {
    }

    @Override
    public String name() {
        return "length-prefixed";
    }

    @Override
    public String frameName() {
        return "record";
    }

    @Override
    public boolean names(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".lpf");
    }

    @Override
    public Frames open(InputSource source, InputStream in, int maxFrameBytes) {
        return new LengthPrefixedFrames(source.name(), in, maxFrameBytes);
    }

    @Override
    public PositionCheck compare(InputSource source, Position at, Position beyond) throws IOException {
        return BytePrefix.compare(source, at, beyond, last -> true);
    }

    /** The bytes of an input holding {@code records}, each framed by its length. */
    public static byte[] encode(List<byte[]> records) {
        int size = records.stream().mapToInt(r -> 4 + r.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size);
        records.forEach(r -> b.putInt(r.length).put(r));
        return b.array();
    }
}
