package io.cfsync.send;

import io.cfsync.send.rate.Clocks;
import io.cfsync.send.rate.Pacing;
import io.cfsync.send.rate.Pacings;
import io.cfsync.send.rate.SharedPacing;
import java.time.Duration;
import java.util.function.Consumer;

/** The one place a sink's {@link Pacing} is chosen and built from how it sends. Stateless. */
final class PacingSetup {
    private PacingSetup() {
    }

    /**
     * @param headersWindow the vendor's budget window when it announces its budget in rate headers, else null
     */
    static Pacing of(SinkTuning options, Duration headersWindow, Clocks clocks) {
        return of(options, headersWindow, clocks, line -> { }, null);
    }

    /**
     * @param note    where a shared budget's notes go (Redis lost, Redis back)
     * @param verbose where a shared budget's figures go at the end, or null
     */
    static Pacing of(SinkTuning options, Duration headersWindow, Clocks clocks, Consumer<String> note,
                     Consumer<String> verbose) {
        if (options.shared() != null) {
            return SharedPacing.join(options.shared(), options.rate(), options.adaptiveRate(), headersWindow, clocks,
                    note, verbose);
        }
        return Pacings.local(options.rate(), options.adaptiveRate(), headersWindow, clocks);
    }
}
