package io.cfsync.dest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a destination authenticates. Translators never see it: the sink applies it to each request, with the
 * secret revealed when sending and replaced by {@code <redacted>} in every preview.
 */
public final class Auth {
    private final String headerName; // null for query-parameter auth
    private final String prefix;
    private final String queryParam;
    private final Secret secret;
    /**
     * The last headers a preview was made of, and the preview's: nearly every request shares its headers with the
     * one before it, so a dry-run need not build the same map once per request. Holds no revealed secret.
     */
    private volatile Preview lastPreview;

    private record Preview(Map<String, String> of, Map<String, String> headers) {
    }

    private Auth(String headerName, String prefix, String queryParam, Secret secret) {
        this.headerName = headerName;
        this.prefix = prefix;
        this.queryParam = queryParam;
        this.secret = secret;
    }

    /** {@code Authorization: Basic base64(user:password)}; the whole credential counts as secret. */
    public static Auth basic(String user, Secret password) {
        Secret token = user == null || !password.isPresent() ? Secret.absent()
                : Secret.of(Base64.getEncoder().encodeToString(
                        (user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8)));
        return new Auth("Authorization", "Basic ", null, token);
    }

    /**
     * {@code Authorization: Basic base64(key:)}: the key as the user, with an empty password (as Customer.io's
     * Pipelines API takes it); the whole credential counts as secret.
     */
    public static Auth basicUser(Secret key) {
        Secret token = !key.isPresent() ? Secret.absent()
                : Secret.of(Base64.getEncoder().encodeToString((key.reveal() + ":").getBytes(StandardCharsets.UTF_8)));
        return new Auth("Authorization", "Basic ", null, token);
    }

    /** {@code Authorization: Bearer key}. */
    public static Auth bearer(Secret key) {
        return new Auth("Authorization", "Bearer ", null, key);
    }

    /** The key as the whole value of a named header. */
    public static Auth header(String name, Secret key) {
        return new Auth(name, "", null, key);
    }

    /** The key as a query parameter. */
    public static Auth query(String param, Secret key) {
        return new Auth(null, "", param, key);
    }

    /** The secret this auth carries (so one redactor can guard every printer). */
    public Secret secret() {
        return secret;
    }

    /** The request with credentials added: revealed for sending, {@code <redacted>} for previews. */
    public VendorRequest apply(VendorRequest r, boolean reveal) {
        String value = reveal ? secret.reveal() : Secret.REDACTED;
        if (reveal && value == null) {
            throw new IllegalStateException("no credential configured");
        }
        if (headerName == null) {
            String sep = r.url().indexOf('?') >= 0 ? "&" : "?";
            return r.withUrl(r.url() + sep + queryParam + "=" + (reveal ? PathSegment.encode(value) : value));
        }
        if (reveal) {
            return r.withHeaders(headers(r.headers(), value));
        }
        Preview p = lastPreview;
        if (p == null || p.of() != r.headers()) {
            p = new Preview(r.headers(), VendorRequest.Frozen.of(headers(r.headers(), value)));
            lastPreview = p;
        }
        return r.withHeaders(p.headers());
    }

    /** {@code headers} with the credential header first, replacing any of the same name. */
    private Map<String, String> headers(Map<String, String> headers, String value) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(headerName, prefix + value);
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase(headerName)) {
                h.put(k, v);
            }
        });
        return h;
    }
}
