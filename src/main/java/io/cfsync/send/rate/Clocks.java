package io.cfsync.send.rate;

import java.util.function.LongSupplier;

/**
 * The clocks pacing reads, injected so that tests can drive them.
 *
 * @param nanoTime   as {@link System#nanoTime()}
 * @param wallMillis as {@link System#currentTimeMillis()} (an epoch reset announced by a vendor is compared with it)
 */
public record Clocks(LongSupplier nanoTime, LongSupplier wallMillis) {
    public static final Clocks SYSTEM = new Clocks(System::nanoTime, System::currentTimeMillis);
}
