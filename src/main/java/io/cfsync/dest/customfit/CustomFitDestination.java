package io.cfsync.dest.customfit;

import io.cfsync.dest.Auth;
import io.cfsync.dest.Destination;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.SettingSpec.Type;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.dest.Translator;
import io.cfsync.event.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    @Override
    public String name() {
        return "customfit";
    }

    @Override
    public String title() {
        return "CustomFit.ai";
    }

    @Override
    public List<SettingSpec> settings() {
        return SETTINGS;
    }

    @Override
    public Map<EventType, String> coverage() {
        Map<EventType, String> m = new LinkedHashMap<>();
        m.put(EventType.IDENTIFY, "POST {endpoint} identify (traits as user properties)");
        m.put(EventType.TRACK, "POST {endpoint} track (properties as event data)");
        m.put(EventType.PAGE, "POST {endpoint} pageview with the page name");
        m.put(EventType.SCREEN, "POST {endpoint} screenview with the screen name");
        m.put(EventType.GROUP, "skip: unsupported-by-destination");
        m.put(EventType.ALIAS, "skip: unsupported-by-destination");
        return m;
    }

    @Override
    public List<String> integrationKeys() {
        return List.of("CustomFit", "CustomFit.ai", "CUSTOMFIT");
    }

    @Override
    public double defaultRate() {
        return 10;
    }

    @Override
    public Translator translator(Settings settings) throws SettingsException {
        return new CustomFitTranslator(CustomFitSettings.from(settings));
    }

    @Override
    public Auth auth(Settings settings) {
        try {
            return CustomFitSettings.parseAuth(settings.get("auth"), settings.secret("apiKey"));
        } catch (SettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Besides the key, an explicit endpoint: cf-sync will not guess where CustomFit takes server events. */
    @Override
    public void checkSendable(Settings settings) throws SettingsException {
        settings.requireForSend();
        String endpoint = settings.get("endpoint");
        if (endpoint == null || endpoint.isEmpty()) {
            throw new SettingsException("customfit setting 'endpoint' is required to send: CustomFit publishes no "
                    + "server-side ingestion endpoint, so cf-sync will not guess one; set --set endpoint=URL (or "
                    + Settings.envName(name(), "endpoint") + ") once CustomFit confirms it");
        }
    }
}
