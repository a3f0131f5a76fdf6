package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One planned HTTP request, without credentials (the sender adds them). Immutable.
 *
 * @param method         HTTP method
 * @param url            absolute URL, path identifiers already percent-encoded
 * @param headers        headers in print order (never the Authorization header)
 * @param body           JSON body, or null for none
 * @param when           when the request runs within its plan
 * @param foundIdPointer for {@link When#LOOKUP}: JSON pointer to the id in a 200 answer; else null
 */
public record VendorRequest(String method, String url, Map<String, String> headers, JsonNode body, When when,
                            String foundIdPointer) {
    /** The headers of a JSON request, shared by every such request: they never change. */
    private static final Map<String, String> JSON = Frozen.of(Map.of("Content-Type", "application/json"));
    private static final Map<String, String> NONE = Frozen.of(Map.of());

    public VendorRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(url);
        headers = Frozen.of(headers);
        Objects.requireNonNull(when);
    }

    /** An unconditional request with {@code Content-Type: application/json} when it has a body. */
    public static VendorRequest json(String method, String url, JsonNode body) {
        return new VendorRequest(method, url, body != null ? JSON : NONE, body, When.ALWAYS, null);
    }

    public VendorRequest withHeaders(Map<String, String> newHeaders) {
        return new VendorRequest(method, url, newHeaders, body, when, foundIdPointer);
    }

    public VendorRequest withUrl(String newUrl) {
        return new VendorRequest(method, newUrl, headers, body, when, foundIdPointer);
    }

    public VendorRequest withWhen(When newWhen, String pointer) {
        return new VendorRequest(method, url, headers, body, newWhen, pointer);
    }

    /**
     * Headers copied once, in their order, and never changed: a request made from another ({@code withUrl},
     * {@code withWhen}, a plan's steps sharing the JSON headers) takes them as they are instead of copying them
     * again, which a dry-run of a million events did several times per request. Immutable.
     */
    static final class Frozen extends AbstractMap<String, String> {
        private final Map<String, String> map;

        private Frozen(Map<String, String> map) {
            this.map = map;
        }

        /** {@code headers} as frozen headers: themselves when they already are, else an unmodifiable copy. */
        static Map<String, String> of(Map<String, String> headers) {
            return headers instanceof Frozen ? headers : new Frozen(Collections.unmodifiableMap(
                    new LinkedHashMap<>(headers)));
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return map.entrySet();
        }

        @Override
        public String get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }
}
