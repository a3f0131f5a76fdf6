package io.cfsync.send;

import io.cfsync.report.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.HttpException;

/**
 * Turns an answer (or a transport failure) into an {@link AttemptResult}, following reference 1.8: 2xx success; a
 * lookup's 404 "not found"; 408, 429, 5xx, timeouts and connection failures retryable; 401 and 403 refused (the
 * run stops); every other status permanent. Texts that leave here are redacted and short. Thread-safe.
 */
final class Classifier {
    static final int EXCERPT_CHARS = 300;
    /** The problem code of a 2xx batch answer that does not name each rejected entity unambiguously. */
    static final String UNREADABLE = "unreadable-response";

    private final Redactor redactor;

    Classifier(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The problem of an answer the proxy gave instead of a tunnel. */
    static final String PROXY = "proxy";

    AttemptResult response(Transport.Response r, boolean lookup) {
        int s = r.status();
        if (s >= 200 && s < 300) {
            return AttemptResult.of(AttemptResult.Kind.OK, s).withBody(r.body());
        }
        if (s == 404 && lookup) {
            return AttemptResult.of(AttemptResult.Kind.NOT_FOUND, s);
        }
        AttemptResult.Kind kind;
        if (s == 408 || s == 429 || (s >= 500 && s < 600)) {
            kind = AttemptResult.Kind.RETRYABLE;
        } else if (s == 401 || s == 403) {
            kind = AttemptResult.Kind.REFUSED;
        } else {
            kind = AttemptResult.Kind.PERMANENT;
        }
        Duration wait = kind == AttemptResult.Kind.RETRYABLE
                ? ServerWait.of(r.retryAfter(), s == 429 ? r.rateLimitReset() : null, System.currentTimeMillis())
                : null;
        return AttemptResult.of(kind, s).withExcerpt(excerpt(r.body())).withRetryAfter(wait);
    }

    AttemptResult failure(Throwable ex) {
        Throwable t = unwrap(ex);
        String kind;
        AttemptResult.Kind k = AttemptResult.Kind.RETRYABLE;
        if (t instanceof ProxyAnswered p) {
            // The proxy's own answer: a wrong proxy password fails every request alike, so it stops the run.
            boolean auth = p.status() == 407 || p.status() == 401;
            return AttemptResult.of(auth ? AttemptResult.Kind.REFUSED : AttemptResult.Kind.RETRYABLE, p.status())
                    .withProblem(PROXY, auth ? "the proxy asked for credentials (HTTP " + p.status()
                            + "): check the user and password of --proxy or HTTPS_PROXY" : p.getMessage());
        }
        if (t instanceof Transport.Abandoned) {
            kind = "abandoned";
        } else if (t instanceof ConnectTimeoutException) {
            kind = "connection-error";
        } else if (t instanceof SocketTimeoutException) {
            kind = "timeout";
        } else if (t instanceof SSLException && !(t.getCause() instanceof IOException
                && !(t.getCause() instanceof SSLException))) {
            kind = "tls-error";
            k = AttemptResult.Kind.REFUSED;
        } else if (t instanceof IOException || t instanceof HttpException) {
            kind = "connection-error";
        } else {
            kind = "request-error";
            k = AttemptResult.Kind.PERMANENT;
        }
        return AttemptResult.of(k, 0).withProblem(kind, text(t));
    }

    /**
     * A 2xx to a batch that cannot be trusted ({@code why}): retried like a lost answer, and, once the retries are
     * used up, its events are dead-lettered as {@value #UNREADABLE} with the vendor's words (redacted).
     */
    AttemptResult unreadable(AttemptResult ok, String why) {
        return AttemptResult.of(AttemptResult.Kind.RETRYABLE, ok.status()).withProblem(UNREADABLE, why)
                .withExcerpt(excerpt(ok.body()));
    }

    /** Whether {@code ex} failed before any connection to the vendor was made: nothing of the request reached it. */
    static boolean unreached(Throwable ex) {
        Throwable t = unwrap(ex);
        return t instanceof ConnectException || t instanceof UnknownHostException || t instanceof ProxyAnswered
                || t instanceof NoRouteToHostException || t instanceof ConnectTimeoutException;
    }

    AttemptResult withWait(AttemptResult o, Duration wait) {
        return o.withRetryAfter(wait);
    }

    AttemptResult withAgain(AttemptResult o, boolean again) {
        return o.withAgain(again);
    }

    /**
     * A one-line, redacted excerpt of a body, or null when empty. The whole body is redacted before anything is cut,
     * and the cut drops a tail that could begin a secret, so no part of a credential survives at the edge.
     */
    String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String s = redactor.redact(new String(body, StandardCharsets.UTF_8)).replaceAll("\\s+", " ").trim();
        // Collapsing white space could join a secret that the vendor had split; one more pass on the short text.
        s = redactor.redact(redactor.cut(s, EXCERPT_CHARS, body.length >= Transport.BODY_LIMIT));
        return s.isEmpty() ? null : s;
    }

    /** What went wrong, in words, on one redacted line of at most 200 characters: never a class name. */
    String text(Throwable ex) {
        Throwable t = unwrap(ex);
        String words = TransportWords.of(t);
        String m = io.cfsync.report.PlainWords.of(t.getMessage());
        boolean own = TransportWords.untrusted(t) != null; // its words already say all the message does
        String s = own || m.isEmpty() || words.equalsIgnoreCase(m) ? words : words + ": " + m;
        return redactor.cut(redactor.redact(s.replaceAll("\\s+", " ")), 200, false);
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
