package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.dest.Secret;
import io.cfsync.report.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ClassifierTest {
    private static final String KEY = "Zq7wK2pX9mLr";
    private final Classifier classifier = new Classifier(new Redactor(List.of(Secret.of(KEY))));

    private static void assertNoPartOfKey(String text) {
        for (int i = 0; i + 4 <= KEY.length(); i++) {
            String part = KEY.substring(i, i + 4);
            assertFalse(text.contains(part), () -> "'" + part + "' of the key in: " + text);
        }
    }

    private String excerpt(String body) {
        return classifier.excerpt(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKeyPastTheFirstKilobyteOfWhiteSpaceIsRedactedNotCut() {
        // Pretty-printed bodies collapse to little text: the key lands inside the excerpt wherever it was.
        for (int pad = 1150; pad < 1220; pad++) {
            String out = excerpt(" ".repeat(pad) + "{\"error\":\"bad key\",\"key\":\"" + KEY + "\"}");
            assertNoPartOfKey(out);
            assertTrue(out.contains("<redacted>"), out);
        }
    }

    @Test
    void aKeyStraddlingTheExcerptLimitLeavesNoPrefix() {
        for (int pad = Classifier.EXCERPT_CHARS - KEY.length(); pad < Classifier.EXCERPT_CHARS + 2; pad++) {
            String body = "x".repeat(pad) + KEY + " and more text";
            String out = excerpt(body);
            assertNoPartOfKey(out);
            assertTrue(out.endsWith("…"), out);
        }
    }

    @Test
    void aKeyEchoedJsonEscapedIsRedactedInTheExcerpt() {
        Classifier c = new Classifier(new Redactor(List.of(Secret.of("a/b\"c\\d-1234"))));
        String out = c.excerpt("{\"echo\":\"a\\/b\\\"c\\\\d-1234\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"echo\":\"<redacted>\"}", out);
    }

    @Test
    void failuresAreDescribedInWordsWithoutClassNames() {
        List<Throwable> failures = List.of(
                new ExecutionException(new ConnectionClosedException("Connection closed by peer")),
                new CompletionException(new ProtocolException(
                        "org.apache.hc.core5.http.ProtocolException: Request URI authority contains deprecated "
                                + "userinfo component")),
                new SSLHandshakeException("PKIX path building failed: sun.security.provider.certpath."
                        + "SunCertPathBuilderException: unable to find valid certification path to requested target"),
                new ConnectException("Connection refused"),
                new SocketTimeoutException(null),
                new IOException(new IllegalStateException("x")),
                new IllegalStateException("io.cfsync.send.Something failed: java.lang.NullPointerException"));
        for (Throwable t : failures) {
            String text = classifier.text(t);
            assertFalse(text.matches("(?s).*(Exception|Error\\b|org\\.apache|sun\\.|java\\.|io\\.cfsync).*"), text);
            assertFalse(text.isBlank());
        }
        assertEquals("the connection was closed: Connection closed by peer", classifier.text(failures.get(0)));
        assertEquals("HTTP protocol error: Request URI authority contains deprecated userinfo component",
                classifier.text(failures.get(1)));
        assertEquals("no answer within --timeout", classifier.text(failures.get(4)));
    }

    @Test
    void aKeyInAFailureMessageIsRedacted() {
        assertEquals("could not connect: refused for <redacted>",
                classifier.text(new ConnectException("refused for " + KEY)));
    }
}
