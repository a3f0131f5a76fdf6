package io.cfsync.send;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops the run at once when the vendor was never reached: if the first {@value #ATTEMPTS} attempts of the run all
 * failed before a connection was made (refused, unknown host, no route, connect timeout) and nothing has ever
 * reached the vendor, the address is almost surely wrong (a mistyped {@code --base-url}, a wrong region), and
 * waiting out {@code --give-up-after} would only delay saying so. Like a 401 it ends the run with every unsettled
 * event pending. Once anything reached the vendor (any answer, or a failure after connecting), later connection
 * failures are an outage, left to the retries and {@code --give-up-after}. Thread-safe.
 */
final class FirstContact {
    /** Attempts that failed to connect, with nothing ever reaching the vendor, before the run stops. */
    static final int ATTEMPTS = 3;

    private final RunControl control;
    private final AtomicBoolean reached = new AtomicBoolean();
    private final AtomicInteger missed = new AtomicInteger();

    FirstContact(RunControl control) {
        this.control = control;
    }

    /**
     * Books one attempt of a request to {@code url}.
     *
     * @param unreached it failed before a connection was made
     */
    void heard(AttemptResult o, boolean unreached, String url) {
        if (!unreached) {
            reached.set(true);
            return;
        }
        if (!reached.get() && missed.incrementAndGet() >= ATTEMPTS) {
            control.stop(RunControl.Reason.UNREACHABLE, "no request has reached the vendor at " + origin(url)
                    + ": the first " + ATTEMPTS + " attempts all failed to connect (last: " + o.describe() + ")");
        }
    }

    /** {@code scheme://host:port} of {@code url}, without any path, query or user information. */
    static String origin(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() != null) {
                return (u.getScheme() == null ? "" : u.getScheme() + "://") + u.getHost()
                        + (u.getPort() < 0 ? "" : ":" + u.getPort());
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a URL we can take apart
        }
        return "the configured address";
    }
}
