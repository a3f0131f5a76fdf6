package io.cfsync.dest.customerio;

import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import java.util.Locale;

/** The non-secret Customer.io settings a translator needs; {@code v2} is {@code apiVersion=v2}. */
record CustomerIoSettings(String baseUrl, int maxTraits, boolean convertDates, boolean sendAnonymous,
                          String deviceTokenEventName, boolean deviceEvents, boolean v2) {
    static final String US = "https://track.customer.io";
    static final String EU = "https://track-eu.customer.io";

    static CustomerIoSettings from(Settings s) throws SettingsException {
        String region = s.get("region").trim().toUpperCase(Locale.ROOT);
        String host;
        if (region.startsWith("US")) {
            host = US;
        } else if (region.startsWith("EU")) {
            host = EU;
        } else {
            throw new SettingsException("customerio setting 'region' must be US or EU, not '" + s.get("region") + "'");
        }
        String tokenEvent = s.get("deviceTokenEventName");
        return new CustomerIoSettings(s.baseUrl(host), s.integer("maxTraits"), s.bool("convertDates"),
                "send".equals(s.get("anonymous")), tokenEvent == null || tokenEvent.isBlank() ? null : tokenEvent,
                s.bool("deviceEvents"), "v2".equals(s.get("apiVersion")));
    }
}
