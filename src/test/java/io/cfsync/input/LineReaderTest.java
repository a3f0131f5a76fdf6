package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The line bound: a line over the limit is streamed past (never held), reported with its length and first bytes,
 * and the lines around it, their offsets and the hash of the bytes before each line end are exactly those of the
 * input, so resume points after it stay true.
 */
@Timeout(60)
class LineReaderTest {
    /** What one line looked like: its text (or its length and head when over the limit) and where it ended. */
    private record Seen(String text, long tooLong, String head, long end, String sha) {
    }

    private static List<Seen> read(InputStream in, int max) throws IOException {
        LineReader r = new LineReader(in, max);
        r.digest(PositionTap.sha256());
        List<Seen> out = new ArrayList<>();
        while (r.next()) {
            String text = r.tooLong() >= 0 ? null
                    : new String(r.buffer(), r.frameStart(), r.frameLength(), StandardCharsets.UTF_8);
            String head = r.tooLong() >= 0 ? new String(r.head(), StandardCharsets.ISO_8859_1) : null;
            MessageDigest md = r.digestSnapshot();
            out.add(new Seen(text, r.tooLong(), head, r.endOffset(), HexFormat.of().formatHex(md.digest())));
            assertTrue(r.buffer().length <= Math.max(1 << 16, max + 2), "the buffer never outgrows the limit");
        }
        return out;
    }

    private static List<Seen> read(String s, int max) throws IOException {
        return read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static String sha(String prefix) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(prefix.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLineAtTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
        String at = "x".repeat(10);
        String over = "y".repeat(11);
        List<Seen> lines = read(at + "\r\n" + over + "\r\n" + at + "\n" + over, 10);
        assertEquals(at, lines.get(0).text(), "a CR LF line end does not count against the limit");
        assertEquals(11, lines.get(1).tooLong());
        assertEquals(over, lines.get(1).head());
        assertEquals(at, lines.get(2).text());
        assertEquals(11, lines.get(3).tooLong(), "a last line without its line end is bounded too");
        assertEquals(4, lines.size());
    }

    @Test
    void aLongLineIsStreamedPastAndTheOffsetsAndHashesAroundItAreTheInputs() throws Exception {
        String before = "{\"a\":1}\n";
        String longLine = "{\"blob\":\"" + "z".repeat(300_000) + "\"}\n";
        String after = "{\"b\":2}\n";
        List<Seen> lines = read(before + longLine + after, 1024);
        assertEquals(3, lines.size());
        assertEquals("{\"a\":1}", lines.get(0).text());
        assertEquals(longLine.length() - 1, lines.get(1).tooLong());
        assertEquals(LineReader.HEAD, lines.get(1).head().length(), "only the first bytes are kept");
        assertTrue(longLine.startsWith(lines.get(1).head()));
        assertEquals(before.length() + longLine.length(), lines.get(1).end());
        assertEquals(sha(before + longLine), lines.get(1).sha(), "the skipped bytes are hashed like any others");
        assertEquals("{\"b\":2}", lines.get(2).text());
        assertEquals(sha(before + longLine + after), lines.get(2).sha());
    }

    @Test
    void aGigabyteLineNeedsNoMoreThanTheLimitInMemory() throws Exception {
        long length = 1L << 30;
        InputStream endless = new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 'q' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, left);
                if (n <= 0) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) 'q');
                left -= n;
                return n;
            }
        };
        LineReader r = new LineReader(new java.io.SequenceInputStream(endless,
                new ByteArrayInputStream("\n{}\n".getBytes(StandardCharsets.UTF_8))), 4096);
        assertTrue(r.next());
        assertEquals(length, r.tooLong());
        assertTrue(r.buffer().length <= 1 << 16, "the buffer stayed small");
        assertTrue(r.next());
        assertEquals("{}", new String(r.buffer(), r.frameStart(), r.frameLength(), StandardCharsets.UTF_8));
        assertEquals(length + 1 + 3, r.endOffset());
        assertFalse(r.next());
    }

    @Test
    void theItemOfALongLineShowsItsFirstBytesUpToADelimiterWithoutItsWriteKey() {
        byte[] head = "{\"writeKey\":\"wk-secret\",\"token\":\"abcdefgh".getBytes(StandardCharsets.UTF_8);
        Item.Bad bad = LongLines.item(new SourceRef("in.ndjson", 7), 123_456_789L, head, 1 << 20);
        assertEquals("line-too-long", bad.problem().code());
        assertTrue(bad.problem().detail().contains("123456789 bytes"), bad.problem().detail());
        assertTrue(bad.problem().detail().contains("1048576"), bad.problem().detail());
        assertEquals("{\"writeKey\":\"<redacted>\",\"token\":\"", bad.raw(), "a value cut short is not shown");
        assertArrayEquals(null, bad.rawBytes());
    }

    @Test
    void aReplayedDeadLetterOfALongLineStaysLineTooLongAndSaysWhereTheLineIs() throws Exception {
        String entry = "{\"reason\":\"line-too-long\",\"detail\":\"line of 5000 bytes is longer\",\"file\":\"a.ndjson\","
                + "\"line\":12,\"raw\":\"{\\\"type\\\":\\\"track\\\",\\\"properties\\\":{\\\"blob\\\":\\\"\"}";
        Item.Bad bad = (Item.Bad) EventReaderTest.read(entry).get(0);
        assertEquals("line-too-long", bad.problem().code());
        assertTrue(bad.problem().detail().contains("a.ndjson:12"), bad.problem().detail());
    }
}
