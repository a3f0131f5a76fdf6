package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
    public VendorRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(url);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(when);
    }

    /** An unconditional request with {@code Content-Type: application/json} when it has a body. */
    public static VendorRequest json(String method, String url, JsonNode body) {
        Map<String, String> h = new LinkedHashMap<>();
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return new VendorRequest(method, url, h, body, When.ALWAYS, null);
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
}
