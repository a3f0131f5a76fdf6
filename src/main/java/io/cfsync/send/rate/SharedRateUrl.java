package io.cfsync.send.rate;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a shared rate budget lives: {@code redis://[[user]:password@]host[:port][/db]} (or {@code rediss://} for
 * TLS). The password is a secret: {@link #toString()} and {@link #shown()} never carry it. Immutable.
 *
 * @param tls      {@code rediss://}
 * @param host     the Redis host
 * @param port     its port (6379 unless named)
 * @param db       the database number (0 unless named)
 * @param user     the ACL user, or null
 * @param password the password, or null
 */
public record SharedRateUrl(boolean tls, String host, int port, int db, String user, String password) {
    public static final int DEFAULT_PORT = 6379;

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException naming the mistake; its message never holds the password
     */
    public static SharedRateUrl parse(String text) {
        URI u;
        try {
            u = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL of the form redis://HOST:PORT[/DB]");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("must start with redis:// (or rediss:// for TLS)");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new IllegalArgumentException("names no host (redis://HOST:PORT[/DB])");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("takes no query or fragment (redis://HOST:PORT[/DB])");
        }
        String path = u.getPath() == null ? "" : u.getPath();
        int db = 0;
        if (!path.isEmpty() && !path.equals("/")) {
            String n = path.substring(1);
            if (!n.matches("\\d{1,4}")) {
                throw new IllegalArgumentException("has a database that is not a number (redis://HOST:PORT/DB)");
            }
            db = Integer.parseInt(n);
        }
        String user = null;
        String password = null;
        String info = u.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = colon < 0 ? null : decode(info.substring(0, colon));
            password = decode(colon < 0 ? info : info.substring(colon + 1));
            user = user == null || user.isEmpty() ? null : user;
        }
        return new SharedRateUrl(scheme.equals("rediss"), u.getHost(), u.getPort() < 0 ? DEFAULT_PORT : u.getPort(),
                db, user, password == null || password.isEmpty() ? null : password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL as it may be printed: scheme, host, port and database, a password shown as {@code <redacted>}. */
    public String shown() {
        String login = password == null ? "" : (user == null ? "" : user) + ":<redacted>@";
        return (tls ? "rediss://" : "redis://") + login + host + ":" + port + (db == 0 ? "" : "/" + db);
    }

    @Override
    public String toString() {
        return shown();
    }
}
