package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendWindowTest {
    private static final long MS = 1_000_000L;

    @Test
    void atMostCeilOfTheRateInAnyWindowOfThatManySpacingsAndNoneMuchBeforeItsTurn() {
        SendWindow w = new SendWindow(3, 0); // spacing 333 ms, tolerance 166 ms, 3 in any second
        assertEquals(0, w.tryTake(10 * MS));
        assertEquals(173_333_334, w.tryTake(170 * MS), "more than half a spacing early: held until its turn");
        assertEquals(0, w.tryTake(176_666_667), "less than half a spacing early goes");
        assertEquals(0, w.tryTake(600 * MS));
        assertEquals(10_000_002, w.tryTake(1000 * MS), "the fourth waits for the first to leave the second, and its turn");
        assertEquals(0, w.tryTake(1010 * MS + 2));
    }

    @Test
    void aFractionalRateIsAWindowOfItsOwnSpacings() {
        SendWindow w = new SendWindow(2.5, 0); // spacing 400 ms: 3 in any 1.2 s
        assertEquals(0, w.tryTake(0));
        assertEquals(0, w.tryTake(400 * MS));
        assertEquals(0, w.tryTake(800 * MS));
        assertEquals(400 * MS, w.tryTake(800 * MS), "the fourth waits 1.2 s after the first");
        assertEquals(0, w.tryTake(1200 * MS));
    }
}
