package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * How one kind of input is cut into frames, and what a resume position in it means: NDJSON's lines
 * ({@link LineFrames}) today; any format whose records can be read in a stable order and that can prove a
 * position was read before (a length-prefixed stream, Parquet's row groups). The envelopes and the decoding of
 * each frame are shared by every framing. {@link Framings} picks the framing of each input. Implementations are
 * stateless and thread-safe; the {@link Frames} they open are not.
 */
public interface Framing {
    /** What the framing is called in messages ({@code ndjson}). */
    String name();

    /** What one frame is called in messages ({@code line}): where a run resumes is said in these. */
    String frameName();

    /** Whether a file so named (any case, {@code .gz} after it too) holds this format, with no look inside. */
    boolean names(String fileName);

    /**
     * Splits {@code in}, the decoded bytes of {@code source} (gzip already undone), into frames of at most
     * {@code maxFrameBytes} bytes each.
     *
     * @throws InputDataException when the input is not of this format at all (binary data where text belongs)
     */
    Frames open(InputSource source, InputStream in, int maxFrameBytes) throws IOException;

    /**
     * How {@code source} compares now with {@code at}, a position an earlier run recorded (never the start) and,
     * when {@code beyond} is not null, with the end of the frames that run finished beyond it. One pass at most.
     */
    PositionCheck compare(InputSource source, Position at, Position beyond) throws IOException;
}
