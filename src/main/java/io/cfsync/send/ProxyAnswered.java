package io.cfsync.send;

import java.io.IOException;

/**
 * The proxy answered the tunnel's {@code CONNECT} itself, with {@link #status}: the vendor was not reached. The
 * message names the proxy, never its password.
 */
final class ProxyAnswered extends IOException {
    private final int status;

    ProxyAnswered(int status, ProxyRules.Proxy proxy) {
        super("the proxy " + proxy.display() + " answered HTTP " + status + " instead of opening a tunnel");
        this.status = status;
    }

    int status() {
        return status;
    }
}
