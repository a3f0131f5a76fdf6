package io.cfsync.send;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo.LayerType;
import org.apache.hc.client5.http.RouteInfo.TunnelType;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.protocol.HttpClientContext;
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

    /** Set in an exchange's context once its connection reaches the vendor (through any tunnel). */
    private static final String REACHED = "cf-sync.reached";

    /** Routes {@code builder}'s requests by these rules, with the proxies' credentials. */
    void install(HttpAsyncClientBuilder builder) {
        builder.setRoutePlanner(this).setDefaultCredentialsProvider(credentials())
                // Runs only once the connection reaches the vendor: a refused tunnel's answer never gets here.
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), REACHED, (req, entity, scope, chain, cb) -> {
                    scope.clientContext.setAttribute(REACHED, Boolean.TRUE);
                    chain.proceed(req, entity, scope, cb);
                });
    }

    /** Whether the exchange of {@code context} reached the vendor; when not, its answer is the proxy's. */
    static boolean reached(HttpClientContext context) {
        return context.getAttribute(REACHED) != null;
    }

    /** The proxies' credentials, each scoped to its own proxy's host and port. */
    private BasicCredentialsProvider credentials() {
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
