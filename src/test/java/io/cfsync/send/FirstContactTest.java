package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FirstContactTest {
    private static final String URL = "https://user:pw@track.example.test:8443/api/v1/customers/u%401?x=1";
    private static final AttemptResult REFUSED = AttemptResult.of(AttemptResult.Kind.RETRYABLE, 0)
            .withProblem("connection-error", "could not connect");
    private final RunControl control = new RunControl();
    private final FirstContact contact = new FirstContact(control);

    @Test
    void theRunStopsWhenTheFirstAttemptsAllFailedToConnect() {
        for (int i = 1; i < FirstContact.ATTEMPTS; i++) {
            contact.heard(REFUSED, true, URL);
            assertFalse(control.stopping(), "after " + i);
        }
        contact.heard(REFUSED, true, URL);
        assertEquals(RunControl.Reason.UNREACHABLE, control.stopped().reason());
        String m = control.stopped().message();
        assertTrue(m.contains("https://track.example.test:8443"), m);
        assertFalse(m.contains("pw") || m.contains("customers"), "no user information or path: " + m);
    }

    @Test
    void onceAnythingReachedTheVendorConnectionFailuresAreAnOutage() {
        contact.heard(REFUSED, true, URL);
        contact.heard(AttemptResult.of(AttemptResult.Kind.RETRYABLE, 503), false, URL);
        for (int i = 0; i < 10; i++) {
            contact.heard(REFUSED, true, URL);
        }
        assertFalse(control.stopping());
    }

    @Test
    void onlyFailuresBeforeAConnectionCountAsUnreached() {
        for (Throwable t : List.of(new ConnectException("Connection refused"), new UnknownHostException("nope"),
                new java.net.NoRouteToHostException(), new org.apache.hc.client5.http.ConnectTimeoutException("t"),
                new CompletionException(new ConnectException("wrapped")))) {
            assertTrue(Classifier.unreached(t), t.toString());
        }
        for (Throwable t : List.of(new SocketException("Connection reset"), new java.net.SocketTimeoutException(),
                new javax.net.ssl.SSLHandshakeException("pkix"))) {
            assertFalse(Classifier.unreached(t), t.toString());
        }
    }
}
