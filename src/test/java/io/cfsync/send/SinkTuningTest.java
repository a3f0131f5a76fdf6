package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SinkTuningTest {
    @Test
    void theRateIsTheOneAskedForElseTheDestinationsDefault() {
        assertEquals(10.0, SinkTuning.rate(null, 10));
        assertEquals(0.5, SinkTuning.rate(0.5, 10));
        assertEquals(SinkTuning.UNLIMITED, SinkTuning.rate(SinkTuning.UNLIMITED, 10));
    }

    @Test
    void theRetryBudgetIsTheFirstAttemptPlusTheRetries() {
        assertEquals(5, SinkTuning.defaults(10, "ua").maxAttempts());
        assertEquals(1, SinkTuning.defaults(10, "ua").withConcurrency(1).withMaxRetries(0).maxAttempts());
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> SinkTuning.defaults(0, "ua"));
        assertThrows(IllegalArgumentException.class, () -> SinkTuning.defaults(Double.NaN, "ua"));
    }
}
