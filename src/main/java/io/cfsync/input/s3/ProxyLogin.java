package io.cfsync.input.s3;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the JDK's URL client log in to a proxy, on a CONNECT tunnel (S3 over https) too, which it otherwise never
 * does: the SDK's url-connection client only adds a {@code Proxy-Authorization} header to each request, which the
 * JDK keeps off the tunnel's CONNECT and sends down the tunnel to the S3 endpoint instead, and the JDK refuses
 * Basic for tunnels by default ({@code jdk.http.auth.tunneling.disabledSchemes=Basic}). So the proxy answered 407.
 *
 * <p>{@link #offer} allows Basic for tunnels (unless the user set that property) and answers proxy challenges
 * from the given proxy only: a request of type {@link Authenticator.RequestorType#PROXY} for exactly that host
 * and port. Every other request (a server's challenge, another proxy) goes to the authenticator that was there
 * before, or gets nothing, so the proxy's password is never offered to anyone else. Thread-safe.
 */
final class ProxyLogin extends Authenticator {
    static final String TUNNELING = "jdk.http.auth.tunneling.disabledSchemes";
    private static final Map<String, PasswordAuthentication> LOGINS = new ConcurrentHashMap<>();
    private static ProxyLogin installed;

    private final Authenticator previous;

    private ProxyLogin(Authenticator previous) {
        this.previous = previous;
    }

    /**
     * Offers {@code user}'s login to {@code proxy} ({@code http://host:port}) on tunnels. Must run before the
     * process's first {@code HttpURLConnection}: the JDK reads the property once, when that class initialises.
     */
    static synchronized void offer(URI proxy, String user, String password) {
        if (proxy == null || user == null) {
            return;
        }
        if (System.getProperty(TUNNELING) == null) {
            // Basic is refused on tunnels by default because, over plain http to the proxy, it shows the password
            // to the network; that is the user's choice here, made by giving the proxy a password at all.
            System.setProperty(TUNNELING, "");
        }
        LOGINS.put(key(proxy.getHost(), proxy.getPort()),
                new PasswordAuthentication(user, (password == null ? "" : password).toCharArray()));
        if (installed == null || Authenticator.getDefault() != installed) {
            installed = new ProxyLogin(Authenticator.getDefault());
            Authenticator.setDefault(installed);
        }
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
        if (getRequestorType() == RequestorType.PROXY && getRequestingHost() != null) {
            PasswordAuthentication login = LOGINS.get(key(getRequestingHost(), getRequestingPort()));
            if (login != null) {
                return login;
            }
        }
        return previous == null ? null : previous.requestPasswordAuthenticationInstance(getRequestingHost(),
                getRequestingSite(), getRequestingPort(), getRequestingProtocol(), getRequestingPrompt(),
                getRequestingScheme(), getRequestingURL(), getRequestorType());
    }
}
