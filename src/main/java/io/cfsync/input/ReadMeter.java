package io.cfsync.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much of the inputs has been read, in bytes as stored (before gunzip), against their total sized up front, and
 * which input is being read: the figures of the progress display. Inputs are read one after the other; the bytes of
 * an input count in full once it is done, however it ended (read to the end, skipped as finished earlier, stopped by
 * damaged data), so the figure reaches the total exactly when every input is done. Thread-safe: the reading thread
 * counts, any thread reads the figures.
 */
public final class ReadMeter {
    /** Counts nothing: for runs that show no progress. */
    public static final ReadMeter NONE = new ReadMeter(Map.of(), -1);

    private final Map<InputSource, Long> sizes;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong current = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private volatile String file;
    private volatile InputSource sourceNow;

    private ReadMeter(Map<InputSource, Long> sizes, long total) {
        this.sizes = sizes;
        this.total = total;
    }

    /**
     * Sizes {@code inputs} now. The total is unknown (-1) when one of them has no size known in advance: standard
     * input, a pipe, or a file that cannot be sized.
     */
    public static ReadMeter sized(List<InputSource> inputs) {
        Map<InputSource, Long> sizes = new HashMap<>();
        long total = 0;
        for (InputSource s : inputs) {
            long size = size(s);
            sizes.put(s, size);
            total = total < 0 || size < 0 ? -1 : total + size;
        }
        return new ReadMeter(Map.copyOf(sizes), total);
    }

    private static long size(InputSource s) {
        try {
            if (s.path() == null) {
                return s.isRead() ? -1 : 0; // standard input or an object: unknown; an input left out: nothing
            }
            return !Files.isRegularFile(s.path()) ? -1 : Files.size(s.path());
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Bytes of all inputs, or -1 when unknown. */
    public long total() {
        return total;
    }

    /** Bytes read so far: the inputs done in full, plus what was read of the current one (at most its size). */
    public long read() {
        InputSource src = sourceNow;
        long size = src == null ? -1 : sizes.getOrDefault(src, -1L);
        long now = current.get();
        return done.get() + (size >= 0 ? Math.min(now, size) : now);
    }

    /**
     * Items (events, blank or unreadable lines) read so far, counted as the bytes are: the two together tell how
     * many items the whole input holds, while reading runs ahead of sending.
     */
    public long items() {
        return items.get();
    }

    /** One more item read. */
    void item() {
        if (this != NONE) {
            items.incrementAndGet();
        }
    }

    /** The input being read, as named on the command line, or null before the first. */
    public String file() {
        return file;
    }

    /** {@code source} is read next. */
    public void start(InputSource source) {
        if (this == NONE) {
            return;
        }
        sourceNow = source;
        file = source.name();
        current.set(0);
    }

    /** The input started last is done, read or not. */
    public void finish(InputSource source) {
        if (this == NONE) {
            return;
        }
        long size = sizes.getOrDefault(source, -1L);
        done.addAndGet(size >= 0 ? size : current.get());
        current.set(0);
        sourceNow = null;
    }

    /** Counts the bytes read through {@code raw}, the input's bytes as stored. */
    InputStream count(InputStream raw) {
        if (this == NONE) {
            return raw;
        }
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    current.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    current.addAndGet(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long k = super.skip(n);
                current.addAndGet(Math.max(0, k));
                return k;
            }
        };
    }
}
