package io.cfsync.send;

import java.util.concurrent.CompletableFuture;

/**
 * How the sender ended one event: delivered, failed (a permanent verdict, dead-lettered) or pending (the run stopped
 * before it was settled; {@code sent} when a request of it went out). A plan or batch hands each event's verdict to
 * its sink's {@link Book}, which tells the {@link DeliveryListener}.
 */
record Verdict(Failure failure, boolean pending, boolean sent) {
    static final Verdict DELIVERED = new Verdict(null, false, true);

    /** Where a sink books verdicts; the stage completes once the outcome is recorded (e.g. in the ledger). */
    @FunctionalInterface
    interface Book {
        CompletableFuture<Void> book(Delivery d, Verdict v);
    }

    static Verdict failed(Failure f) {
        return new Verdict(f, false, true);
    }

    static Verdict pending(boolean sent) {
        return new Verdict(null, true, sent);
    }
}
