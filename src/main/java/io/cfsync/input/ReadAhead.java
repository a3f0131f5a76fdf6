package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EventReader} that reads, decodes and validates a file on a second thread while the calling thread
 * handles the items, so that reading and the work done with each event (mapping, writing) overlap on two cores.
 * The contract is that of {@link EventReader#read(InputSource, InputStream, long, PositionTap, EventReader.Handler)}:
 * the handler is called on the calling thread, in input order; it returns false to stop, and the read then
 * returns the number of that item's line; an input error is thrown after every item before it was handed over.
 * <p>
 * Only regular files read without a tap go through the second thread: a tap is called on the reading thread
 * while the line is current, and standard input or a pipe may deliver events one by one, which must not wait for
 * a hand-off to fill. Everything else is read on the calling thread. Memory stays bounded: at most
 * {@value #CHUNKS} chunks wait between the threads, each of at most {@value #CHUNK} items and closed early once
 * its items' text passes {@value #CHUNK_CHARS} characters, so long lines (up to the line limit) do not pile up.
 * Not thread-safe; one per thread.
 */
public final class ReadAhead {
    static final int CHUNK = 64;
    static final int CHUNKS = 4;
    static final int CHUNK_CHARS = 1 << 20;

    private final EventReader direct;
    private final EventReader background;
    private final boolean twoThreads;

    /** Uses a second thread when the machine has more than one core. */
    public ReadAhead() {
        this(ReadMeter.NONE);
    }

    /** As {@link #ReadAhead()}, with the inputs' bytes counted by {@code meter}. */
    public ReadAhead(ReadMeter meter) {
        this(Runtime.getRuntime().availableProcessors() > 1, meter);
    }

    ReadAhead(boolean twoThreads) {
        this(twoThreads, ReadMeter.NONE);
    }

    /** As {@link #ReadAhead(ReadMeter)}; a line longer than {@code maxLineBytes} becomes {@code line-too-long}. */
    public ReadAhead(ReadMeter meter, int maxLineBytes) {
        this(Runtime.getRuntime().availableProcessors() > 1, meter, maxLineBytes);
    }

    ReadAhead(boolean twoThreads, ReadMeter meter) {
        this(twoThreads, meter, EventReader.DEFAULT_MAX_LINE_BYTES);
    }

    private ReadAhead(boolean twoThreads, ReadMeter meter, int maxLineBytes) {
        this.twoThreads = twoThreads;
        this.direct = new EventReader(meter, maxLineBytes);
        this.background = new EventReader(meter, maxLineBytes);
    }

    /** As {@link EventReader#read(InputSource, InputStream, long, PositionTap, EventReader.Handler)}. */
    public long read(InputSource source, InputStream stdin, long skipThrough, PositionTap tap,
                     EventReader.Handler handler) throws IOException {
        if (!twoThreads || tap != null || source.isStream()) {
            return direct.read(source, stdin, skipThrough, tap, handler);
        }
        return new Run(source, skipThrough).consume(handler);
    }

    /** What the reading thread hands over: items, and at the end the line count or the failure. */
    private record Chunk(List<Item> items, boolean last, long lines, Throwable failure) {
    }

    /** One input read on a thread of its own; the caller consumes its chunks. */
    private final class Run implements Runnable {
        private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS);
        private final InputSource source;
        private final long skipThrough;
        private volatile boolean cancelled;
        private List<Item> filling = new ArrayList<>(CHUNK);
        private long fillingChars;

        Run(InputSource source, long skipThrough) {
            this.source = source;
            this.skipThrough = skipThrough;
        }

        long consume(EventReader.Handler handler) throws IOException {
            Thread t = new Thread(this, "cf-sync-reader");
            t.setDaemon(true);
            t.start();
            try {
                while (true) {
                    Chunk c = take();
                    for (Item item : c.items()) {
                        if (!handler.accept(item)) {
                            return item.ref().line();
                        }
                    }
                    if (c.last()) {
                        if (c.failure() != null) {
                            throw rethrow(c.failure());
                        }
                        return c.lines();
                    }
                }
            } finally {
                cancelled = true;
                queue.clear();
                joinQuietly(t);
            }
        }

        @Override
        public void run() {
            Chunk end;
            try {
                long lines = background.read(source, InputStream.nullInputStream(), skipThrough, null, item -> {
                    filling.add(item);
                    fillingChars += chars(item);
                    if (filling.size() == CHUNK || fillingChars >= CHUNK_CHARS) {
                        List<Item> full = filling;
                        filling = new ArrayList<>(CHUNK);
                        fillingChars = 0;
                        return put(new Chunk(full, false, 0, null));
                    }
                    return !cancelled;
                });
                end = new Chunk(filling, true, lines, null);
            } catch (Throwable e) {
                end = new Chunk(filling, true, 0, e);
            }
            put(end);
        }

        /** Hands a chunk over, waiting for room; false once the consumer has gone. */
        private boolean put(Chunk c) {
            try {
                while (!cancelled) {
                    if (queue.offer(c, 50, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        private Chunk take() throws IOException {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + source.name());
            }
        }

        private void joinQuietly(Thread t) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** About how much an item holds: the length of its text, which its parsed form follows. */
    private static long chars(Item item) {
        CharSequence text = item instanceof Item.Good g ? g.text() : item instanceof Item.Bad b ? b.raw() : null;
        if (text instanceof LineText bytes) {
            return bytes.byteLength(); // not decoded for a count: about as many characters as bytes
        }
        return text == null ? 0 : text.length();
    }

    private static IOException rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new UncheckedIOException(new IOException(t));
    }
}
