package io.cfsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WatermarkTest {
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
}
