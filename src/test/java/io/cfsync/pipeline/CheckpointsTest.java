package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.input.EventReader;
import io.cfsync.input.InputSource;
import io.cfsync.state.Ledger;
import io.cfsync.state.SourceState;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Resume points are proven by a hash of the bytes before them; a changed input is read again from the start. */
@Timeout(120)
class CheckpointsTest {
    private static final String DEST = "customerio";

    @TempDir
    Path tmp;
    private Ledger ledger;

    @BeforeEach
    void open() {
        ledger = Ledger.open(tmp.resolve("ledger.db"));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append("{\"type\":\"track\",\"messageId\":\"m-").append(i)
                    .append("\",\"userId\":\"u\",\"event\":\"E\"}\n");
        }
        return b.toString();
    }

    private static String sha256(byte[] b, long n) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(b, 0, (int) n);
        return HexFormat.of().formatHex(md.digest());
    }

    /** One run over {@code in}: every line read finishes at once except {@code stuck}; returns the decision. */
    private Checkpoints.Start run(Path in, long stuck) throws Exception {
        Checkpoints c = new Checkpoints(ledger, DEST, false);
        InputSource src = new InputSource(in.toString(), in);
        Checkpoints.Start start = c.open(src);
        if (start.skipWhole()) {
            return start;
        }
        long n = new EventReader().read(src, InputStream.nullInputStream(), start.skipThrough(),
                c.tap(src.name()), item -> {
                    long line = item.ref().line();
                    if (line == stuck) {
                        c.started(src.name(), line);
                    } else {
                        c.passed(src.name(), line);
                    }
                    return true;
                });
        c.readToEnd(src.name(), n);
        c.save();
        return start;
    }

    private SourceState state(Path in) {
        return ledger.source(DEST, in.toAbsolutePath().normalize().toString());
    }

    @Test
    void theSavedWatermarkComesWithTheHashOfEveryByteBeforeIt() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, lines(1, 500));
        run(in, 300);
        SourceState s = state(in);
        assertTrue(s.watermark() <= 299 && s.watermark() > 299 - InputCursor.EVERY_LINES, "at or a little below "
                + "the oldest unfinished line: " + s.watermark());
        byte[] all = Files.readAllBytes(in);
        assertEquals(lines(1, (int) s.watermark()).length(), s.offset(), "just past the watermark line");
        assertEquals(sha256(all, s.offset()), s.prefixSha256());
        assertFalse(s.complete());

        Checkpoints.Start next = run(in, -1);
        assertEquals(s.watermark(), next.skipThrough(), "unchanged: resumes after the watermark");
        assertNull(next.note());
        assertTrue(state(in).complete());
        assertEquals(all.length, state(in).offset());
        assertTrue(run(in, -1).skipWhole(), "finished and unchanged: skipped whole");
    }

    @Test
    void linesInsertedIntoAFinishedInputMakeItReadFromTheStart() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, lines(1, 100) + lines(200, 300));
        run(in, -1);
        Files.writeString(in, lines(1, 100) + lines(101, 150) + lines(200, 300));
        Checkpoints.Start s = run(in, -1);
        assertFalse(s.skipWhole());
        assertEquals(0, s.skipThrough());
        assertEquals(in + " changed since the last run (the bytes before line 202 differ): reading it from the "
                + "start; delivered events are skipped", s.note());
        assertTrue(run(in, -1).skipWhole(), "the new content is recorded");
    }

    @Test
    void anAppendedInputContinuesAfterItsOldEndAndARewrittenOneIsReadAgain() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, lines(1, 40));
        run(in, -1);
        Files.writeString(in, lines(41, 50), StandardOpenOption.APPEND);
        Checkpoints.Start appended = run(in, -1);
        assertEquals(40, appended.skipThrough());
        assertNull(appended.note());

        byte[] same = Files.readAllBytes(in);
        same[10] = (byte) 'X'; // same size, other bytes
        Files.write(in, same);
        Checkpoints.Start rewritten = run(in, -1);
        assertEquals(0, rewritten.skipThrough());
        assertTrue(rewritten.note().contains("changed since the last run"), rewritten.note());

        Files.writeString(in, lines(1, 20));
        Checkpoints.Start shorter = run(in, -1);
        assertEquals(0, shorter.skipThrough());
        assertTrue(shorter.note().contains("changed since the last run"), shorter.note());
    }

    @Test
    void aLastLineWithoutLineEndThatGrewIsAChange() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        String text = lines(1, 5);
        Files.writeString(in, text.substring(0, text.length() - 1)); // no final newline
        run(in, -1);
        assertTrue(state(in).complete());
        Files.writeString(in, "x\n", StandardOpenOption.APPEND); // the last line is now another line
        Checkpoints.Start s = run(in, -1);
        assertEquals(0, s.skipThrough());
        assertTrue(s.note().contains("changed since the last run"), s.note());
    }

    @Test
    void gzipIsHashedAfterDecompressingSoARecompressedLongerArchiveResumes() throws Exception {
        Path in = tmp.resolve("in.ndjson.gz");
        gzip(in, lines(1, 60), 1);
        run(in, -1);
        assertEquals(lines(1, 60).length(), state(in).offset(), "offsets count decoded bytes");
        gzip(in, lines(1, 90), 9); // other compressed bytes, same decoded prefix
        Checkpoints.Start s = run(in, -1);
        assertEquals(60, s.skipThrough());
        assertNull(s.note());
    }

    private static void gzip(Path f, String text, int level) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(b) {
            {
                def.setLevel(level);
            }
        }) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(f, b.toByteArray());
    }

    @Test
    void aRowWithoutPrefixHashIsReadFromTheStartWithANote() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, lines(1, 10));
        ledger.saveSource(DEST, new SourceState(in.toAbsolutePath().toString(), 10, -1, null, true));
        Checkpoints.Start s = run(in, -1);
        assertEquals(0, s.skipThrough());
        assertTrue(s.note().contains("older cf-sync"), s.note());
        assertTrue(state(in).prefixSha256() != null, "recorded with a hash from now on");
    }

    @Test
    void snapshotsStayBoundedWhileOneEventHoldsTheWatermarkBack() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        byte[] many = new byte[400_000];
        Arrays.fill(many, (byte) '\n');
        Files.write(in, many);
        Checkpoints c = new Checkpoints(ledger, DEST, false);
        InputSource src = new InputSource(in.toString(), in);
        c.open(src);
        InputCursor cursor = (InputCursor) c.tap(src.name());
        int[] most = {0};
        new EventReader().read(src, InputStream.nullInputStream(), 0, cursor, item -> {
            long line = item.ref().line();
            if (line == 2) {
                c.started(src.name(), line); // held back for the whole read
            } else {
                c.passed(src.name(), line);
            }
            most[0] = Math.max(most[0], cursor.snapshotCount());
            return true;
        });
        assertTrue(most[0] <= InputCursor.MAX_SNAPSHOTS + 1, "snapshots kept: " + most[0]);
        c.save();
        assertEquals(0, state(in).watermark(), "line 2 is not finished, and no snapshot lies between 0 and 1");
        assertEquals(0, state(in).offset());
        c.finished(src.name(), 2);
        c.readToEnd(src.name(), many.length);
        c.save();
        assertEquals(many.length, state(in).watermark());
        assertTrue(state(in).complete());
        assertEquals(sha256(many, many.length), state(in).prefixSha256());
    }

    @Test
    void theBeforeSaveHookRunsBeforeAnyWatermarkIsWritten() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, lines(1, 3));
        Checkpoints c = new Checkpoints(ledger, DEST, false);
        AtomicBoolean sawNoWatermark = new AtomicBoolean();
        c.beforeSave(() -> sawNoWatermark.set(state(in) == null));
        InputSource src = new InputSource(in.toString(), in);
        c.open(src);
        long n = new EventReader().read(src, InputStream.nullInputStream(), 0, c.tap(src.name()), item -> {
            c.passed(src.name(), item.ref().line());
            return true;
        });
        c.readToEnd(src.name(), n);
        c.save();
        assertTrue(sawNoWatermark.get(), "the hook ran first");
        assertEquals(3, state(in).watermark());
    }
}
