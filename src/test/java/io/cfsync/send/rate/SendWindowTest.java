package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendWindowTest {
    private static final long MS = 1_000_000L;

    @Test
    void atMostNInAnyOneSecondWindow() {
        SendWindow w = new SendWindow(3, 0);
        assertEquals(0, w.tryTake(10 * MS));
        assertEquals(0, w.tryTake(20 * MS));
        assertEquals(0, w.tryTake(30 * MS));
        assertEquals(980 * MS, w.tryTake(30 * MS), "full until the first send leaves the window");
        assertEquals(1, w.tryTake(1010 * MS - 1));
        assertEquals(0, w.tryTake(1010 * MS));
        assertEquals(10 * MS, w.tryTake(1010 * MS), "next frees when the second send leaves");
    }
}
