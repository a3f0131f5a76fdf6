package io.cfsync.send;

import java.time.Duration;

/**
 * What one attempt of one request came to (reference 1.8): the class that decides retry, dead letter or abort.
 * Immutable.
 *
 * @param kind    the class
 * @param status  the HTTP status, or 0 when no response arrived (or nothing was sent)
 * @param problem a short stable code for what went wrong without a status ({@code timeout},
 *                {@code connection-error}, {@code tls-error}, {@code request-error}), or
 *                {@code unreadable-response} for a 2xx to a batch that does not name each rejected entity; else null
 * @param detail  a short human explanation, or null
 * @param excerpt a short, redacted excerpt of the response body, or null
 * @param retryAfter how long the vendor (or the destination pause) asks us to wait before the next try, or null
 * @param body    the (bounded) response body of a success, for lookups; else null
 * @param again   true when the policies should try this request again
 */
record AttemptResult(Kind kind, int status, String problem, String detail, String excerpt, Duration retryAfter,
                     byte[] body, boolean again) {
    enum Kind {
        /** 2xx. */
        OK,
        /** A lookup answered 404: the record does not exist. */
        NOT_FOUND,
        /** 408, 429, 5xx, timeouts, connection failures, and batch answers that cannot be read. */
        RETRYABLE,
        /** Any other answer: retrying cannot help. */
        PERMANENT,
        /** 401/403 or failed TLS verification: no later request can succeed either. */
        REFUSED,
        /** Not sent: the destination is paused (429) or its circuit is open. */
        HELD,
        /** Not sent: the run is stopping. */
        STOPPED,
        /** Not sent: the event used up {@code --max-event-time}. */
        EXPIRED
    }

    /** {@code kind} with {@code status} (0: no answer) and nothing else; the {@code with…} methods name the rest. */
    static AttemptResult of(Kind kind, int status) {
        return new AttemptResult(kind, status, null, null, null, null, null, false);
    }

    /** The same with a problem code and a human explanation. */
    AttemptResult withProblem(String code, String explanation) {
        return new AttemptResult(kind, status, code, explanation, excerpt, retryAfter, body, again);
    }

    AttemptResult withExcerpt(String redacted) {
        return new AttemptResult(kind, status, problem, detail, redacted, retryAfter, body, again);
    }

    AttemptResult withRetryAfter(Duration wait) {
        return new AttemptResult(kind, status, problem, detail, excerpt, wait, body, again);
    }

    AttemptResult withBody(byte[] bounded) {
        return new AttemptResult(kind, status, problem, detail, excerpt, retryAfter, bounded, again);
    }

    AttemptResult withAgain(boolean tryAgain) {
        return new AttemptResult(kind, status, problem, detail, excerpt, retryAfter, body, tryAgain);
    }

    static AttemptResult held(Duration wait) {
        return new AttemptResult(Kind.HELD, 0, null, null, null, wait, null, true);
    }

    static AttemptResult notSent(Kind kind) {
        return new AttemptResult(kind, 0, null, null, null, null, null, false);
    }

    boolean sent() {
        return kind != Kind.HELD && kind != Kind.STOPPED && kind != Kind.EXPIRED;
    }

    /**
     * Whether the answer counts against the vendor's health (5xx, timeouts, connection failures); not a 429, and
     * not an unreadable 2xx: the vendor did answer.
     */
    boolean serverTrouble() {
        return kind == Kind.RETRYABLE && status != 429 && (status < 200 || status >= 300);
    }

    /** The key for the status histogram: the status code, or the problem code. */
    String statusKey() {
        return status != 0 ? Integer.toString(status) : problem;
    }

    /** "HTTP 503" or "timeout", for messages. */
    String describe() {
        String what = status != 0 ? "HTTP " + status : problem;
        return detail == null ? what : what + " (" + detail + ")";
    }
}
