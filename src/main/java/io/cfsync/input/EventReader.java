package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams one input as {@link Item}s, in frame order: its {@link Framing} (NDJSON's lines unless another names
 * the input, see {@link Framings}) cuts it into frames, and each frame is decoded alike ({@link FrameDecoder}:
 * strict UTF-8, one JSON value, the {@link Envelopes} around it opened, every event validated), every element of a
 * batch keeping the frame's number and its index. A source's write key never leaves the reader. Bad frames become
 * {@link Item.Bad} values, so one never stops a run: a frame longer than the reader's limit among them
 * ({@code line-too-long}), which is streamed past without being held; an input that is not of its format (binary
 * data), or whose gzip data is damaged, ends with an {@link InputDataException} naming it (after its frames before
 * the damage were handed over); other I/O failures throw as they are. Not thread-safe; use one per thread.
 */
public final class EventReader {
    /** Receives items; returns false to stop reading. */
    @FunctionalInterface
    public interface Handler {
        boolean accept(Item item);
    }

    /**
     * The longest line read by default, in bytes: 32 times the largest call a destination takes (Customer.io: 32 KB
     * per entity; Segment's own API: 32 KB per call, 500 KB per batch, so every Segment archive line fits). A line
     * this long with its parse tree stays a few tens of MB, well inside the 256 MB heap cf-sync starts with.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final FrameDecoder decoder = new FrameDecoder();
    private final ReadMeter meter;
    private final int maxLine;

    public EventReader() {
        this(ReadMeter.NONE);
    }

    /** A reader whose inputs' bytes are counted by {@code meter}. */
    public EventReader(ReadMeter meter) {
        this(meter, DEFAULT_MAX_LINE_BYTES);
    }

    /** As {@link #EventReader(ReadMeter)}; a frame longer than {@code maxLineBytes} becomes {@code line-too-long}. */
    public EventReader(ReadMeter meter, int maxLineBytes) {
        this.meter = meter;
        this.maxLine = maxLineBytes;
    }

    /**
     * Reads {@code source}, skipping frames up to and including {@code skipThrough} (0 reads everything).
     *
     * @return the number of the last frame read (a frame counts once every item of it was handed over)
     * @throws InputDataException when the input is binary or its gzip data is damaged
     */
    public long read(InputSource source, InputStream stdin, long skipThrough, Handler handler) throws IOException {
        return read(source, stdin, skipThrough, null, handler);
    }

    /** As {@link #read(InputSource, InputStream, long, Handler)}; {@code tap}, when not null, sees every frame end. */
    public long read(InputSource source, InputStream stdin, long skipThrough, PositionTap tap, Handler all)
            throws IOException {
        long frameNo = 0;
        Handler handler = meter == ReadMeter.NONE ? all : item -> {
            meter.item();
            return all.accept(item);
        };
        try (InputStream in = source.open(stdin, meter)) {
            Frames frames = source.framing().open(source, in, maxLine);
            if (tap != null) {
                frames.digest(PositionTap.sha256());
            }
            while (frames.next()) {
                frameNo++;
                if (tap != null) {
                    tap.frameEnd(frameNo, frames.endOffset(), frames::digestSnapshot);
                }
                if (frameNo > skipThrough && !handOver(new SourceRef(source.name(), frameNo), frames, handler)) {
                    return frameNo;
                }
            }
            if (tap != null) {
                tap.end(frameNo, frames.endOffset(), frames::digestSnapshot);
            }
            return frameNo;
        } catch (GzipDamage e) {
            throw new InputDataException(e.truncated() ? "gzip-truncated" : "gzip-corrupt", source.name()
                    + (e.truncated() ? ": gzip data ends early after line " : ": gzip data is corrupt after line ")
                    + frameNo);
        }
    }

    private boolean handOver(SourceRef ref, Frames frames, Handler handler) {
        if (frames.tooLong() >= 0) {
            return handler.accept(LongLines.item(ref, frames.tooLong(), frames.head(), maxLine));
        }
        return decoder.frame(ref, frames.buffer(), frames.frameStart(), frames.frameLength(), handler);
    }

    /**
     * Reads one record that holds a single frame's bytes (a message handed over by a host rather than read from a
     * file), exactly as a frame of a file: the same decoding, envelopes and problems. Yields one item, or one per
     * element of a batch envelope, all with {@code ref}.
     */
    public void readRecord(SourceRef ref, byte[] bytes, Handler handler) {
        decoder.frame(ref, bytes, 0, bytes.length, handler);
    }
}
