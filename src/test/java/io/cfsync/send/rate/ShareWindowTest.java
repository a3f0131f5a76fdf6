package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A worker on a shared budget spends only due sending times, and a time left unspent too long is gone. */
class ShareWindowTest {
    private static final long MS = 1_000_000L;

    @Test
    void lateSendsCannotSpendTimesThatPassedInABurst() {
        ShareWindow w = new ShareWindow();
        for (int i = 0; i < 10; i++) {
            w.given(i * 25 * MS); // ten times, 25 ms apart
        }
        // The sender was held up for 200 ms: of the times due, only those at most 50 ms old are left to spend.
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            if (w.admit(200 * MS, 50 * MS) == 0) {
                admitted++;
            }
        }
        assertEquals(3, admitted, "the times at 150, 175 and 200 ms");
        assertTrue(w.admit(200 * MS, 50 * MS) > 0, "the times at 225 ms and on are not due yet");
        assertEquals(0, w.admit(225 * MS, 50 * MS));
    }
}
