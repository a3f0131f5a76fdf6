package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading on a second thread hands over exactly what the plain reader does, in order, and stops cleanly. */
@Timeout(30)
class ReadAheadTest {
    /** Enough lines for many hand-offs between the threads, of every kind. */
    private static final int LINES = ReadAhead.CHUNK * ReadAhead.CHUNKS * 5 + 7;

    @TempDir
    Path tmp;

    private Path mixedFile() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            switch (i % 7) {
                case 0 -> b.append("\n");
                case 1 -> b.append("{\"batch\":[{\"type\":\"track\",\"userId\":\"a").append(i)
                        .append("\",\"event\":\"E\",\"n\":1.50},{\"type\":\"nope\"}]}\n");
                case 2 -> b.append("{not json\n");
                case 3 -> b.append("{\"type\":\"identify\",\"userId\":\"u").append(i)
                        .append("\",\"traits\":{\"x\":1e999}}\n");
                default -> b.append("{\"type\":\"track\",\"userId\":\"u").append(i)
                        .append("\",\"event\":\"Jos\u00e9 \\u00e9\"}\n");
            }
        }
        Path f = tmp.resolve("mixed.ndjson");
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        return f;
    }

    /** What a reader handed over, as comparable text: line, kind, problem or messageId, exact text. */
    private static String describe(Item i) {
        if (i instanceof Item.Good g) {
            return i.ref() + " good " + g.event().envelope().userKey() + " " + g.text();
        }
        if (i instanceof Item.Bad b) {
            return i.ref() + " bad " + b.problem() + " " + b.raw();
        }
        return i.ref() + " blank";
    }

    @Test
    void handsOverTheSameItemsInTheSameOrderOnTheCallingThread() throws Exception {
        Path f = mixedFile();
        InputSource src = new InputSource("mixed.ndjson", f);
        List<String> plain = new ArrayList<>();
        long plainLines = new EventReader().read(src, InputStream.nullInputStream(), 3, i -> plain.add(describe(i)));
        List<String> ahead = new ArrayList<>();
        Thread caller = Thread.currentThread();
        boolean[] elsewhere = {false};
        long aheadLines = new ReadAhead(true).read(src, InputStream.nullInputStream(), 3, null, i -> {
            elsewhere[0] |= Thread.currentThread() != caller;
            return ahead.add(describe(i));
        });
        assertEquals(LINES, plainLines);
        assertEquals(plainLines, aheadLines);
        assertEquals(plain, ahead);
        assertFalse(elsewhere[0], "the handler runs on the calling thread");
        assertTrue(ahead.stream().anyMatch(s -> s.contains("number-out-of-range")), "limits still hold");
    }

    @Test
    void stoppingReturnsTheLineOfTheRefusedItemAndEndsTheReadingThread() throws Exception {
        Path f = mixedFile();
        long stopAt = ReadAhead.CHUNK * 2 + 5;
        List<Long> seen = new ArrayList<>();
        long last = new ReadAhead(true).read(new InputSource("m", f), InputStream.nullInputStream(), 0, null, i -> {
            if (i.ref().line() == stopAt) {
                return false;
            }
            seen.add(i.ref().line());
            return true;
        });
        assertEquals(stopAt, last);
        assertEquals(stopAt - 1, seen.get(seen.size() - 1), "nothing after the refused item is handed over");
        assertFalse(readerThreadAlive(), "the reading thread has ended when the read returns");
    }

    @Test
    void aFailingHandlerStopsTheReadingThreadAndItsErrorComesThrough() throws Exception {
        Path f = mixedFile();
        IllegalStateException boom = new IllegalStateException("output failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> new ReadAhead(true)
                .read(new InputSource("m", f), InputStream.nullInputStream(), 0, null, i -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertFalse(readerThreadAlive());
    }

    @Test
    void damagedGzipFailsAfterEveryLineBeforeTheDamageAsThePlainReaderDoes() throws Exception {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(z)) {
            for (int i = 0; i < 20_000; i++) {
                o.write(("{\"type\":\"track\",\"userId\":\"u" + i + "\",\"event\":\"E\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        Path f = tmp.resolve("day.ndjson.gz");
        Files.write(f, Arrays.copyOf(z.toByteArray(), z.size() / 2));
        InputSource src = new InputSource("day.ndjson.gz", f);
        List<Item> plain = new ArrayList<>();
        InputDataException p = assertThrows(InputDataException.class,
                () -> new EventReader().read(src, InputStream.nullInputStream(), 0, plain::add));
        List<Item> ahead = new ArrayList<>();
        InputDataException a = assertThrows(InputDataException.class,
                () -> new ReadAhead(true).read(src, InputStream.nullInputStream(), 0, null, ahead::add));
        assertEquals(p.getMessage(), a.getMessage());
        assertEquals(plain.size(), ahead.size(), "every line before the damage was handed over");
        assertTrue(ahead.size() > 0);
    }

    @Test
    void aTapIsCalledOnTheCallingThreadWhileItsLineIsCurrent() throws Exception {
        Path f = mixedFile();
        Thread caller = Thread.currentThread();
        boolean[] elsewhere = {false};
        long[] handled = {0};
        boolean[] ahead = {false};
        PositionTap tap = new PositionTap() {
            @Override
            public void frameEnd(long line, long endOffset, Supplier<MessageDigest> digest) {
                elsewhere[0] |= Thread.currentThread() != caller;
                // The tap sees a line before its items: never more than one line ahead of the handler.
                ahead[0] |= line > handled[0] + 1;
            }

            @Override
            public void end(long lines, long length, Supplier<MessageDigest> digest) {
            }
        };
        new ReadAhead(true).read(new InputSource("m", f), InputStream.nullInputStream(), 0, tap, i -> {
            handled[0] = i.ref().line();
            return true;
        });
        assertFalse(elsewhere[0]);
        assertFalse(ahead[0]);
    }

    @Test
    void standardInputHandsEachEventOverAsSoonAsItIsRead() throws Exception {
        // A live feed: the second line comes only once the first event was handled, so nothing may wait for a
        // hand-off to fill up.
        byte[] first = (EventReaderTest.EV + "\n").getBytes(StandardCharsets.UTF_8);
        CountDownLatch handledFirst = new CountDownLatch(1);
        InputStream feed = new InputStream() {
            private int state;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (state == 0) {
                    state = 1;
                    System.arraycopy(first, 0, b, off, first.length);
                    return first.length;
                }
                if (state == 1) {
                    state = 2;
                    try {
                        if (!handledFirst.await(5, TimeUnit.SECONDS)) {
                            return -1;
                        }
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    System.arraycopy(first, 0, b, off, first.length);
                    return first.length;
                }
                return -1;
            }
        };
        List<Item> items = new ArrayList<>();
        long n = new ReadAhead(true).read(new InputSource("-", null), feed, 0, null, i -> {
            handledFirst.countDown();
            return items.add(i);
        });
        assertEquals(2, n, "the second line came after the first was handled");
        assertEquals(2, items.size());
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("cf-sync-reader") && t.isAlive());
    }

    @Test
    void longLinesDoNotPileUpBetweenTheThreads() throws Exception {
        String line = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":\""
                + "x".repeat(500_000) + "\"}}\n";
        Path f = tmp.resolve("long.ndjson");
        try (java.io.Writer w = Files.newBufferedWriter(f)) {
            for (int i = 0; i < 60; i++) {
                w.write(line);
            }
        }
        InputSource src = new InputSource(f.toString(), f);
        ReadMeter meter = ReadMeter.sized(List.of(src));
        meter.start(src);
        long[] readAtFirst = {-1};
        long lines = new ReadAhead(true, meter).read(src, InputStream.nullInputStream(), 0, null, item -> {
            if (readAtFirst[0] < 0) {
                // Until the reading thread is held up (or has read everything): the queue decides how far it gets.
                long last = -1;
                for (int i = 0; i < 100 && meter.read() != last; i++) {
                    last = meter.read();
                    sleep(50);
                }
                readAtFirst[0] = meter.read();
            }
            return true;
        });
        assertEquals(60, lines);
        assertTrue(readAtFirst[0] < Files.size(f) / 2, "read ahead " + readAtFirst[0] + " of " + Files.size(f)
                + " bytes while the first event was handled");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
