package io.cfsync.send;

import java.net.ConnectException;

/** A connection to the proxy failed: nothing reached the vendor. The message names the proxy, never its password. */
final class ProxyRefused extends ConnectException {
    ProxyRefused(ProxyRules.Proxy proxy) {
        super(proxy.display());
    }
}
