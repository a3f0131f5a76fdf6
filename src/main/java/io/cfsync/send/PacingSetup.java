package io.cfsync.send;

import io.cfsync.send.rate.Clocks;
import io.cfsync.send.rate.Pacing;
import io.cfsync.send.rate.Pacings;
import java.time.Duration;

/** The one place a sink's {@link Pacing} is chosen and built from how it sends. Stateless. */
final class PacingSetup {
    private PacingSetup() {
    }

    /**
     * @param headersWindow the vendor's budget window when it announces its budget in rate headers, else null
     */
    static Pacing of(SendOptions options, Duration headersWindow, Clocks clocks) {
        return Pacings.local(options.rate(), options.adaptiveRate(), headersWindow, clocks);
    }
}
