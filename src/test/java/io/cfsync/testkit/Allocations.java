package io.cfsync.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * The JVM's count of bytes each thread allocated, for tests that hold a hot path to an allocation budget; a test
 * is skipped, saying why, on a JVM that does not count them. Stateless.
 */
public final class Allocations {
    private Allocations() {
    }

    /** The counter, or the calling test skipped where the JVM has none. */
    public static com.sun.management.ThreadMXBean counter() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocations per thread");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocations per thread");
        return threads;
    }
}
