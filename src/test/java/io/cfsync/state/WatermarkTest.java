package io.cfsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkTest {
    @TempDir
    Path tmp;

    @Test
    void watermarkStaysBelowTheOldestUnfinishedLine() {
        Watermark w = new Watermark(10);
        assertEquals(10, w.value());
        w.start(11);
        w.start(12);
        w.start(12); // two events of a batch line
        w.passed(13);
        assertEquals(10, w.value());
        w.finish(12);
        w.finish(11);
        assertEquals(11, w.value(), "line 12 still has an event in flight");
        w.finish(12);
        assertEquals(13, w.value());
    }

    @Test
    void fingerprintsRecogniseAppendedFilesAndNoticeRewrittenOnes() throws Exception {
        Path f = tmp.resolve("a.ndjson");
        Files.writeString(f, "{\"a\":1}\n");
        Fingerprint small = Fingerprint.of(f);
        Files.writeString(f, "{\"a\":1}\n{\"b\":2}\n");
        assertTrue(small.matches(f), "an appended small file still matches");
        Files.writeString(f, "x".repeat(10_000));
        Fingerprint big = Fingerprint.of(f);
        assertEquals(Fingerprint.SIZE, big.length());
        Files.writeString(f, "y" + "x".repeat(10_000));
        assertFalse(big.matches(f), "a rewritten file is noticed");
        assertFalse(small.matches(f));
        assertEquals(big, Fingerprint.parse(big.toString()));
    }
}
