package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendOptionsTest {
    @Test
    void theRateIsTheOneAskedForElseTheDestinationsDefault() {
        assertEquals(10.0, SendOptions.rate(null, 10));
        assertEquals(0.5, SendOptions.rate(0.5, 10));
        assertEquals(SendOptions.UNLIMITED, SendOptions.rate(SendOptions.UNLIMITED, 10));
    }

    @Test
    void theRetryBudgetIsTheFirstAttemptPlusTheRetries() {
        assertEquals(5, SendOptions.defaults(10, "ua").maxAttempts());
        assertEquals(1, new SendOptions(10, 1, 0, SendOptions.Timeouts.DEFAULTS,
                SendOptions.DEFAULT_GIVE_UP_AFTER, "ua").maxAttempts());
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> SendOptions.defaults(0, "ua"));
        assertThrows(IllegalArgumentException.class, () -> SendOptions.defaults(Double.NaN, "ua"));
    }
}
