package io.cfsync.send;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which forward proxy, if any, a request goes through, decided as curl decides it: the {@code --proxy} setting
 * first, else {@code https_proxy}/{@code HTTPS_PROXY} for an https URL and {@code http_proxy}/{@code HTTP_PROXY} for
 * an http one (the lower-case name wins when both are set); then {@code no_proxy}/{@code NO_PROXY} exempts the
 * hosts it lists, whichever way the proxy was chosen. A proxy URL is {@code http://[user:password@]host[:port]}
 * (scheme optional, port 1080 when absent, as curl); the user-info is percent-decoded. Proxy passwords are secrets:
 * no text this class makes ever holds one. Immutable and thread-safe.
 */
public final class ProxyRules {
    /** A proxy: where it listens, and its Basic credentials (both null when none). */
    public record Proxy(String host, int port, String user, String password, String source) {
        /** {@code http://user@host:port}: how the proxy is named to people, never with its password. */
        public String display() {
            return "http://" + (user == null ? "" : user + "@") + host + ":" + port;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /**
     * The decision for one host.
     *
     * @param proxy      the proxy to go through, or null for a direct connection
     * @param exemptedBy the variable that exempted the host ({@code NO_PROXY}), or null
     */
    public record Choice(Proxy proxy, String exemptedBy) {
        /** One line for {@code --verbose}: which proxy the host goes through, or why none. */
        public String describe(String host) {
            if (proxy != null) {
                return host + " goes through the proxy " + proxy.display() + " (from " + proxy.source() + ")";
            }
            return exemptedBy != null ? host + " goes direct: " + exemptedBy + " exempts it" : host + " goes direct";
        }
    }

    /** No proxy for anything. */
    public static final ProxyRules DIRECT = new ProxyRules(null, null, null, NoProxy.NONE, null);

    private final Proxy explicit;
    private final Proxy https;
    private final Proxy http;
    private final NoProxy exempt;
    private final String exemptName;

    private ProxyRules(Proxy explicit, Proxy https, Proxy http, NoProxy exempt, String exemptName) {
        this.explicit = explicit;
        this.https = https;
        this.http = http;
        this.exempt = exempt;
        this.exemptName = exemptName;
    }

    /**
     * The rules of {@code setting} (the {@code --proxy} URL, {@code setting source} naming where it came from; null
     * for none) and the proxy variables of {@code env}.
     *
     * @throws IllegalArgumentException when a proxy URL cannot be used; the message names its source, never its
     *                                  password
     */
    public static ProxyRules of(String setting, String settingSource, Map<String, String> env) {
        String[] https = first(env, "https_proxy", "HTTPS_PROXY");
        String[] http = first(env, "http_proxy", "HTTP_PROXY");
        String[] no = first(env, "no_proxy", "NO_PROXY");
        return new ProxyRules(parse(setting, settingSource), parse(https[1], https[0]), parse(http[1], http[0]),
                NoProxy.parse(no[1]), no[0]);
    }

    /** The decision for a request to {@code scheme://host:port}. */
    public Choice forTarget(String scheme, String host, int port) {
        Proxy p = explicit != null ? explicit : "https".equalsIgnoreCase(scheme) ? https : http;
        if (p == null) {
            return new Choice(null, null);
        }
        if (exempt.exempts(host, port)) {
            return new Choice(null, exemptName);
        }
        return new Choice(p, null);
    }

    /** The decision for a request to {@code url}. */
    public Choice forUrl(URI url) {
        String scheme = url.getScheme() == null ? "https" : url.getScheme();
        int port = url.getPort() >= 0 ? url.getPort() : "http".equalsIgnoreCase(scheme) ? 80 : 443;
        return forTarget(scheme, url.getHost() == null ? "" : url.getHost(), port);
    }

    /** Every password and {@code user:password} of the proxies, for the redactor. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        for (Proxy p : proxies()) {
            if (p.password() != null) {
                out.add(p.password());
                out.add(p.user() + ":" + p.password());
            }
        }
        return out;
    }

    /** The proxies configured, each once. */
    List<Proxy> proxies() {
        List<Proxy> out = new ArrayList<>();
        for (Proxy p : new Proxy[] {explicit, https, http}) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether any proxy is configured at all. */
    public boolean any() {
        return explicit != null || https != null || http != null;
    }

    private static String[] first(Map<String, String> env, String lower, String upper) {
        String v = env.get(lower);
        if (v != null && !v.isBlank()) {
            return new String[] {lower, v.trim()};
        }
        v = env.get(upper);
        return new String[] {upper, v == null || v.isBlank() ? null : v.trim()};
    }

    /** The proxy {@code value} names, or null when blank. */
    static Proxy parse(String value, String source) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.contains("://") ? value : "http://" + value;
        URI u;
        try {
            u = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + " is not a proxy URL (http://[user:password@]host[:port])");
        }
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException(source + ": only http:// proxies are supported (a CONNECT tunnel "
                    + "carries https), not " + u.getScheme() + "://");
        }
        if (u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))) {
            throw new IllegalArgumentException(source + " is not a proxy URL (http://[user:password@]host[:port])");
        }
        String info = u.getRawUserInfo();
        String user = null;
        String password = null;
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        return new Proxy(host, u.getPort() < 0 ? 1080 : u.getPort(), user, password, source);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
