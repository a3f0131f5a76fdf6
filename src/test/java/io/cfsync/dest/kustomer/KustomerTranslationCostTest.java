package io.cfsync.dest.kustomer;

import static io.cfsync.dest.kustomer.SessionPrePassTest.event;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translator;
import io.cfsync.event.Event;
import io.cfsync.testkit.DefaultSettings;
import io.cfsync.testkit.Allocations;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a tracking event costs to translate, counted in bytes allocated (exact per thread, unlike time on a shared
 * machine): a dry-run of a large file is as fast as the translation is lean. A realistic event with a multi-word
 * name and nested meta values must not need regex matchers, a copy of its properties or a generator per value.
 */
class KustomerTranslationCostTest {
    /** Well above what the translation needs (about 3 KB) and well below copies and matchers (about 8.5 KB). */
    private static final long MAX_BYTES_PER_EVENT = 5_000;
    private static final int EVENTS = 2_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTrackingEventIsTranslatedWithoutCopiesMatchersOrAGeneratorPerValue() throws Exception {
        com.sun.management.ThreadMXBean threads = Allocations.counter();
        KustomerDestination d = new KustomerDestination();
        Translator translator = d.translator(DefaultSettings.of(d));
        Event e = event("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Order Completed\","
                + "\"timestamp\":\"2024-01-15T00:00:00Z\",\"properties\":{\"order_id\":\"o-1\",\"revenue\":20.5,"
                + "\"currency\":\"EUR\",\"note\":\"two words\",\"products\":[{\"sku\":\"a\",\"price\":1},"
                + "{\"sku\":\"b\"}],\"billing\":{\"city\":\"Bergen\"},\"tags\":[\"a\",\"b\"],\"gift\":true}}");
        PrePassFacts facts = new PrePassFacts("cfs-x");
        long least = Long.MAX_VALUE;
        // The least of a few rounds: the first ones also pay for class loading and lazily built caches.
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < EVENTS; i++) {
                translator.translate(e, facts);
            }
            least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / EVENTS);
        }
        assertTrue(least < MAX_BYTES_PER_EVENT, "a tracking event allocated " + least + " bytes to translate, "
                + "more than " + MAX_BYTES_PER_EVENT);
    }
}
