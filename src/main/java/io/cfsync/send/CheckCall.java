package io.cfsync.send;

import io.cfsync.dest.Auth;
import io.cfsync.dest.VendorRequest;
import io.cfsync.report.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Sends one request exactly once, through the same HTTP client, credential path and answer classes as a real send,
 * and says what the answer means for the credentials. No retries: a check is a question, not a delivery. Stateless;
 * each {@link #run} opens and closes its own client.
 */
public final class CheckCall {
    /** What the answer says about the credentials and the vendor. */
    public enum Verdict {
        /** 2xx: the vendor accepted the credentials. */
        OK,
        /** 401 or 403: the credentials were refused. */
        REFUSED,
        /** No answer (connection, timeout), a failed TLS verification, or a 408, 429 or 5xx. */
        UNREACHABLE,
        /** Any other answer (e.g. 404 from a wrong host): the credentials could not be judged. */
        UNEXPECTED
    }

    /**
     * The answer.
     *
     * @param verdict what it means
     * @param what    "HTTP 401" or the transport problem in words, redacted; "HTTP 200" when OK
     * @param excerpt a short, redacted excerpt of the answer's body, or null
     */
    public record Result(Verdict verdict, String what, String excerpt) {
    }

    private CheckCall() {
    }

    /**
     * Sends {@code request} with {@code auth} revealed, waits for its answer (at most the connect plus response
     * timeout) and classifies it. Everything in the result is redacted with {@code redactor}.
     */
    public static Result run(VendorRequest request, Auth auth, Redactor redactor, SinkTuning.Timeouts timeouts,
                             String userAgent, Network network) throws InterruptedException {
        Classifier classifier = new Classifier(redactor);
        VendorRequest wire = auth.apply(request, true);
        byte[] body = request.body() == null ? null : request.body().toString().getBytes(StandardCharsets.UTF_8);
        AttemptResult o;
        try (Transport transport = new Transport(1, timeouts.connect(), timeouts.response(), userAgent, network)) {
            try {
                o = classifier.response(transport.send(wire.method(), wire.url(), wire.headers(), body).get(), false);
            } catch (ExecutionException e) {
                o = classifier.failure(e.getCause());
            }
        }
        String what = Classifier.PROXY.equals(o.problem()) ? o.detail() : o.status() != 0 ? "HTTP " + o.status() : o.detail() != null ? o.detail() : o.problem();
        return new Result(verdict(o), what, o.excerpt());
    }

    private static Verdict verdict(AttemptResult o) {
        switch (o.kind()) {
            case OK:
                return Verdict.OK;
            case REFUSED:
                return (o.status() == 401 || o.status() == 403) && o.problem() == null ? Verdict.REFUSED
                        : Verdict.UNREACHABLE;
            case RETRYABLE:
                return Verdict.UNREACHABLE;
            default:
                return o.status() == 0 ? Verdict.UNREACHABLE : Verdict.UNEXPECTED;
        }
    }
}
