package io.cfsync.dest.customerio;

import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import java.util.Locale;

/**
 * The non-secret Customer.io settings a translator needs, parsed once; {@code api} is which Customer.io API the
 * events go to, and {@code baseUrl} that API's host for the region (or the {@code --base-url} override).
 */
record CustomerIoSettings(String baseUrl, int maxTraits, boolean convertDates, boolean sendAnonymous,
                          String deviceTokenEventName, boolean deviceEvents, Api api) {
    static final String US = "https://track.customer.io";
    static final String EU = "https://track-eu.customer.io";
    static final String PIPELINES_US = "https://cdp.customer.io";
    static final String PIPELINES_EU = "https://cdp-eu.customer.io";

    /** The three ways in: the Track API v1 endpoints, its v2 entities, or the Data Pipelines API. */
    enum Api {
        TRACK("track"), TRACK_V2("track-v2"), PIPELINES("pipelines");

        final String wire;

        Api(String wire) {
            this.wire = wire;
        }
    }

    /** {@code api=track-v2} (or its older spelling {@code apiVersion=v2}). */
    boolean v2() {
        return api == Api.TRACK_V2;
    }

    static CustomerIoSettings from(Settings s) throws SettingsException {
        String region = s.get("region").trim().toUpperCase(Locale.ROOT);
        boolean eu;
        if (region.startsWith("US")) {
            eu = false;
        } else if (region.startsWith("EU")) {
            eu = true;
        } else {
            throw new SettingsException("customerio setting 'region' must be US or EU, not '" + s.get("region") + "'");
        }
        Api api = api(s);
        String host = api == Api.PIPELINES ? (eu ? PIPELINES_EU : PIPELINES_US) : (eu ? EU : US);
        String tokenEvent = s.get("deviceTokenEventName");
        return new CustomerIoSettings(s.baseUrl(host), s.integer("maxTraits"), s.bool("convertDates"),
                "send".equals(s.get("anonymous")), tokenEvent == null || tokenEvent.isBlank() ? null : tokenEvent,
                s.bool("deviceEvents"), api);
    }

    /**
     * {@code api} when set, else {@code apiVersion} ({@code v2} is the older spelling of {@code track-v2}); the two
     * may not disagree.
     */
    private static Api api(Settings s) throws SettingsException {
        boolean oldV2 = "v2".equals(s.get("apiVersion"));
        String chosen = s.get("api");
        if (chosen == null || chosen.isBlank()) {
            return oldV2 ? Api.TRACK_V2 : Api.TRACK;
        }
        for (Api a : Api.values()) {
            if (a.wire.equals(chosen)) {
                if (oldV2 && a != Api.TRACK_V2) {
                    throw new SettingsException("customerio settings 'api=" + chosen + "' and 'apiVersion=v2' "
                            + "disagree: set 'api' alone (apiVersion=v2 is the older spelling of api=track-v2)");
                }
                return a;
            }
        }
        throw new SettingsException("customerio setting 'api' must be track, track-v2 or pipelines, not '"
                + chosen + "'");
    }
}
