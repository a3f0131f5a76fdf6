package io.cfsync.input.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The proxy's login is offered to that proxy's challenges only, never to a server's or another proxy's. */
class ProxyLoginTest {
    private static PasswordAuthentication ask(String host, int port, Authenticator.RequestorType type) {
        return Authenticator.requestPasswordAuthentication(host, null, port, "http", "realm", "Basic", null, type);
    }

    @Test
    void answersOnlyThatProxysChallenge() {
        ProxyLogin.offer(URI.create("http://squid.lan:3128"), "relay", "Pr0xyLoginPw");
        PasswordAuthentication login = ask("squid.lan", 3128, Authenticator.RequestorType.PROXY);
        assertEquals("relay", login.getUserName());
        assertArrayEquals("Pr0xyLoginPw".toCharArray(), login.getPassword());
        assertNull(ask("squid.lan", 3128, Authenticator.RequestorType.SERVER)); // a server asking, same address
        assertNull(ask("squid.lan", 8080, Authenticator.RequestorType.PROXY));
        assertNull(ask("other.lan", 3128, Authenticator.RequestorType.PROXY));
        // Basic is allowed on tunnels, since the user gave the proxy a password.
        assertEquals("", System.getProperty(ProxyLogin.TUNNELING));
    }
}
