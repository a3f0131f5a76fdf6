package io.cfsync.dest.customfit;

import io.cfsync.dest.Configured;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Profile;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.SettingSpec.Type;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.EventType;
import java.util.List;

/**
 * CustomFit.ai. The server-side ingestion contract is not public: the payload follows the Segment destination's
 * documented mapping, and endpoint, auth scheme and wire format are settings so an operator can match whatever
 * CustomFit confirms. Sending is refused until the endpoint is set explicitly.
 */
public final class CustomFitDestination implements Destination {
    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.of("apiKey", Type.STRING, "Server key of the CustomFit app (Segment calls it API Key; "
                    + "serverKey is accepted too)").mandatory().secretValue().alias("serverKey"),
            SettingSpec.of("endpoint", Type.URL, "Full ingestion URL; no public server endpoint exists, so send "
                    + "needs it (dry-run prints " + CustomFitSettings.UNCONFIGURED + " when unset)"),
            SettingSpec.of("auth", Type.STRING, "How the key is sent: bearer (Authorization: Bearer), "
                    + "query-cfenc (?cfenc=key) or header:<Name>").defaultsTo("bearer"),
            SettingSpec.of("wireFormat", Type.CHOICE, "Body shape: seed (one event object) or sdk-envelope "
                    + "(events array and user block, as CustomFit's client SDK sends)")
                    .choices("seed", CustomFitSettings.SDK_ENVELOPE).defaultsTo("seed"),
            SettingSpec.of("includeTimestamp", Type.BOOLEAN, "Add event_timestamp (the event's ISO time) to seed "
                    + "bodies").defaultsTo("false"),
            SettingSpec.of("includeInsertId", Type.BOOLEAN, "Add insert_id (messageId) to seed bodies")
                    .defaultsTo("false"),
            SettingSpec.of("anonymousFallback", Type.BOOLEAN, "Use anonymousId as user_customer_id when userId "
                    + "is absent").defaultsTo("false"));

    private static final Profile PROFILE = Profile.of("customfit", "CustomFit.ai", 10, SETTINGS,
            List.of("CustomFit", "CustomFit.ai", "CUSTOMFIT"))
            .covers(EventType.IDENTIFY, "POST {endpoint} identify (traits as user properties)")
            .covers(EventType.TRACK, "POST {endpoint} track (properties as event data)")
            .covers(EventType.PAGE, "POST {endpoint} pageview with the page name")
            .covers(EventType.SCREEN, "POST {endpoint} screenview with the screen name")
            .covers(EventType.GROUP, "skip: unsupported-by-destination")
            .covers(EventType.ALIAS, "skip: unsupported-by-destination");

    @Override
    public Profile profile() {
        return PROFILE;
    }

    /** Besides the key, a send needs an explicit endpoint: cf-sync will not guess where CustomFit takes events. */
    @Override
    public Configured configure(Settings settings) throws SettingsException {
        CustomFitSettings s = CustomFitSettings.from(settings);
        Configured c = Configured.of(new CustomFitTranslator(s), s.auth(), limits());
        if (s.endpointSet()) {
            return c;
        }
        return c.refusingToSend("customfit setting 'endpoint' is required to send: CustomFit publishes no "
                + "server-side ingestion endpoint, so cf-sync will not guess one; set --set endpoint=URL (or "
                + Settings.envName(name(), "endpoint") + ") once CustomFit confirms it");
    }

    /** No read API is public: an authenticated GET of the ingestion endpoint, which stores nothing. */
    @Override
    public VendorRequest checkRequest(Settings settings) throws SettingsException {
        return VendorRequest.json("GET", CustomFitSettings.url(settings), null);
    }
}
