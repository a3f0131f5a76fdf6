package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void barRedrawsOneLineAndEndsIt() {
        AtomicInteger n = new AtomicInteger(12);
        Progress p = Progress.start(Console.ProgressMode.bar, err, scheduler, () -> "sent " + n.get());
        p.tick();
        n.set(9);
        p.tick();
        assertTrue(p.drawing());
        p.stop();
        assertEquals("\rsent 12\rsent 9 \n", printed(), "the shorter line blanks the rest of the longer one");
        assertFalse(p.drawing());
    }

    @Test
    void logPrintsWholeLines() {
        Progress p = Progress.start(Console.ProgressMode.log, err, scheduler, () -> "42 requests");
        p.tick();
        p.stop();
        assertEquals("cf-sync: progress: 42 requests" + System.lineSeparator(), printed());
    }

    @Test
    void noneIsSilent() {
        Progress.start(Console.ProgressMode.none, err, scheduler, () -> "x").stop();
        assertEquals("", printed());
    }
}
