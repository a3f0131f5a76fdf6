package io.cfsync.send;

import io.cfsync.dest.Auth;
import io.cfsync.dest.BatchAnswer;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.RunStats;
import io.cfsync.send.rate.Pacing;
import java.util.concurrent.CompletableFuture;

/**
 * Puts one attempt of a request on the wire: applies the credential, sends it, counts it and classifies the answer
 * (a batch's 2xx that does not name each rejected entity is classified unreadable, like a lost answer). Knows
 * nothing of retries, pauses or stops. Thread-safe.
 */
final class Wire {
    /** Told about every request right before it goes out (tests measure pacing with it). */
    interface Observer {
        void sending(long nanoTime, VendorRequest request);
    }

    private final Transport transport;
    private final Auth auth;
    private final Classifier classifier;
    private final RunStats stats;
    private volatile Observer observer = (t, r) -> { };

    Wire(Transport transport, Auth auth, Classifier classifier, RunStats stats) {
        this.transport = transport;
        this.auth = auth;
        this.classifier = classifier;
        this.stats = stats;
    }

    void observe(Observer o) {
        this.observer = o;
    }

    Classifier classifier() {
        return classifier;
    }

    /**
     * Sends attempt number {@code attempt} (1 for the first) of {@code a}, decided at {@code now}. The future never
     * fails: a failure to get an answer is an {@link AttemptResult} too.
     */
    CompletableFuture<AttemptResult> send(Attempts a, int attempt, long now) {
        // The credential is revealed here and only here, on a copy that lives for this one attempt.
        VendorRequest wire = auth.apply(a.request, true);
        observer.sending(now, a.request);
        stats.httpRequests.increment();
        if (attempt > 1) {
            stats.retries.increment();
        }
        long onWireAt = System.nanoTime();
        return transport.send(wire.method(), wire.url(), wire.headers(), a.body).handle((r, ex) -> {
            stats.latencies.record(System.nanoTime() - onWireAt);
            AttemptResult o = r != null ? classifier.response(r, a.lookup) : classifier.failure(ex);
            if (a.bulk && o.kind() == AttemptResult.Kind.REFUSED && o.status() == 403) {
                o = AttemptResult.of(AttemptResult.Kind.PERMANENT, 403).withProblem(null, "no bulk role")
                        .withExcerpt(o.excerpt());
            }
            if (o.kind() == AttemptResult.Kind.OK && a.entities >= 0) {
                BatchAnswer answer = BatchAnswer.read(o.status(), o.body(), a.entities);
                if (!answer.readable()) {
                    o = classifier.unreadable(o, answer.unreadable());
                }
            }
            synchronized (a) {
                a.unreached = r == null && Classifier.unreached(ex);
                a.heard = r == null ? Pacing.Answer.NONE
                        : new Pacing.Answer(r.status(), r.rateLimitRemaining(), r.rateLimitReset());
            }
            stats.httpStatus.add(o.statusKey());
            return o;
        });
    }
}
