package io.cfsync.dest.custify;

import io.cfsync.dest.Settings;
import io.cfsync.event.JsonPath;

/**
 * The non-secret Custify settings a translator needs.
 *
 * @param dedupField path read for {@code deduplication_id} before falling back to messageId; null when unset
 */
record CustifySettings(String baseUrl, boolean fallbackToAnonymousId, boolean dedup, JsonPath dedupField) {
    static final String DEFAULT_BASE_URL = "https://api.custify.com";

    static CustifySettings from(Settings s) {
        String field = s.get("dedupField");
        return new CustifySettings(s.baseUrl(s.get("baseUrl")), s.bool("fallbackToAnonymousId"), s.bool("dedup"),
                field == null || field.isBlank() ? null : JsonPath.of(field.trim()));
    }
}
