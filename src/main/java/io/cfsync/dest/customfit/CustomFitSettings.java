package io.cfsync.dest.customfit;

import io.cfsync.dest.Auth;
import io.cfsync.dest.Secret;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import java.net.URI;
import java.util.Locale;

/**
 * The CustomFit settings, parsed once: what the translator needs, and how requests are authenticated.
 *
 * @param url               where every request goes: the endpoint, with {@code --base-url} in place of its
 *                          scheme and host when given
 * @param sdkEnvelope       {@code wireFormat=sdk-envelope} instead of the seed payload
 * @param includeTimestamp  add {@code event_timestamp} to seed payloads
 * @param includeInsertId   add {@code insert_id} to seed payloads
 * @param anonymousFallback use anonymousId when userId is absent
 * @param auth              how the key is sent (the {@code auth} setting with the {@code apiKey} secret)
 * @param endpointSet       whether {@code endpoint} was set, as a real send needs
 */
record CustomFitSettings(String url, boolean sdkEnvelope, boolean includeTimestamp, boolean includeInsertId,
                         boolean anonymousFallback, Auth auth, boolean endpointSet) {
    /** Printed by dry-runs when no endpoint is set: CustomFit's public host, with a path that cannot work. */
    static final String UNCONFIGURED = "https://api.customfit.ai/UNCONFIGURED";
    static final String SDK_ENVELOPE = "sdk-envelope";
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    static CustomFitSettings from(Settings s) throws SettingsException {
        String endpoint = s.get("endpoint");
        return new CustomFitSettings(url(s), SDK_ENVELOPE.equals(s.get("wireFormat")), s.bool("includeTimestamp"),
                s.bool("includeInsertId"), s.bool("anonymousFallback"), parseAuth(s.get("auth"), s.secret("apiKey")),
                endpoint != null && !endpoint.isEmpty());
    }

    /**
     * The endpoint (or {@link #UNCONFIGURED}); {@code --base-url} replaces everything before the endpoint's path
     * (scheme, user info, host and port) and its own path, if any, becomes a prefix of the endpoint's path.
     */
    static String url(Settings s) throws SettingsException {
        String endpoint = s.get("endpoint");
        String target = endpoint != null ? endpoint : UNCONFIGURED;
        URI u = URI.create(target);
        if (u.getRawFragment() != null) {
            throw new SettingsException("customfit setting 'endpoint' must not contain a fragment (#…), not '"
                    + target + "'");
        }
        if (!s.hasBaseUrlOverride()) {
            return target;
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return s.baseUrl(target) + path + query;
    }

    /** {@code bearer}, {@code query-cfenc} or {@code header:<Name>}; anything else names the setting. */
    static Auth parseAuth(String raw, Secret key) throws SettingsException {
        String v = raw == null ? "" : raw.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("bearer")) {
            return Auth.bearer(key);
        }
        if (lower.equals("query-cfenc")) {
            return Auth.query("cfenc", key);
        }
        if (lower.startsWith("header:")) {
            String name = v.substring("header:".length()).trim();
            if (isToken(name) && !name.equalsIgnoreCase("Content-Type")) {
                return Auth.header(name, key);
            }
            throw new SettingsException("customfit setting 'auth' must name an HTTP header other than "
                    + "Content-Type after 'header:', not '" + v + "'");
        }
        throw new SettingsException("customfit setting 'auth' must be bearer, query-cfenc or header:<Name>, not '"
                + v + "'");
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && TOKEN_CHARS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
