package io.cfsync.send;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo.LayerType;
import org.apache.hc.client5.http.RouteInfo.TunnelType;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes every request as {@link ProxyRules} decides: direct, or through the proxy in a {@code CONNECT} tunnel,
 * for http targets too, so the proxy sees only the host and port and never the vendor's credentials or the
 * events. The proxy's own Basic credentials go to the proxy alone. Immutable and thread-safe.
 */
final class ProxyRoutes implements HttpRoutePlanner {
    private final ProxyRules rules;

    ProxyRoutes(ProxyRules rules) {
        this.rules = rules;
    }

    @Override
    public HttpRoute determineRoute(HttpHost host, HttpContext context) {
        boolean secure = "https".equalsIgnoreCase(host.getSchemeName());
        int port = host.getPort() >= 0 ? host.getPort() : secure ? 443 : 80;
        HttpHost target = new HttpHost(host.getSchemeName(), host.getAddress(), host.getHostName(), port);
        ProxyRules.Proxy p = rules.forTarget(host.getSchemeName(), host.getHostName(), port).proxy();
        if (p == null) {
            return new HttpRoute(target, null, secure);
        }
        return new HttpRoute(target, null, new HttpHost("http", p.host(), p.port()), secure, TunnelType.TUNNELLED,
                secure ? LayerType.LAYERED : LayerType.PLAIN);
    }

    /** The proxies' credentials, each scoped to its own proxy's host and port. */
    BasicCredentialsProvider credentials() {
        BasicCredentialsProvider c = new BasicCredentialsProvider();
        for (ProxyRules.Proxy p : rules.proxies()) {
            if (p.user() != null) {
                c.setCredentials(new AuthScope(p.host(), p.port()),
                        new UsernamePasswordCredentials(p.user(), p.password().toCharArray()));
            }
        }
        return c;
    }
}
