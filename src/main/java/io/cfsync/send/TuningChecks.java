package io.cfsync.send;

import java.util.Locale;

/**
 * The limits on how a send may be configured, with the messages people see, shared by every front end (the
 * command line and the Kafka Connect plugin), each naming the option as that front end spells it. Stateless.
 */
public final class TuningChecks {
    public static final int MAX_CONCURRENCY = 256;
    public static final int MAX_RETRIES = 100;

    private TuningChecks() {
    }

    /**
     * A rate: a positive number of requests per second below a million, or {@code unlimited}.
     *
     * @throws IllegalArgumentException naming {@code option}
     */
    public static double rate(String option, String value) {
        String r = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (r.equals("unlimited")) {
            return SinkTuning.UNLIMITED;
        }
        try {
            double d = Double.parseDouble(r);
            if (d > 0 && d < 1e6) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException(option + " must be a positive number of requests per second or "
                + "'unlimited', not '" + value + "'");
    }

    /** @throws IllegalArgumentException naming {@code option} when {@code n} is not 1 to 256 */
    public static int concurrency(String option, int n) {
        if (n < 1 || n > MAX_CONCURRENCY) {
            throw new IllegalArgumentException(option + " must be between 1 and " + MAX_CONCURRENCY + ", not " + n);
        }
        return n;
    }

    /** @throws IllegalArgumentException naming {@code option} when {@code n} is not 0 to 100 */
    public static int maxRetries(String option, int n) {
        if (n < 0 || n > MAX_RETRIES) {
            throw new IllegalArgumentException(option + " must be between 0 and " + MAX_RETRIES + ", not " + n);
        }
        return n;
    }
}
