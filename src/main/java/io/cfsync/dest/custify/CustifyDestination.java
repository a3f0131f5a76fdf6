package io.cfsync.dest.custify;

import io.cfsync.dest.Auth;
import io.cfsync.dest.Destination;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.SettingSpec.Type;
import io.cfsync.dest.Settings;
import io.cfsync.dest.Translator;
import io.cfsync.event.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Custify REST API: people, company and event upserts, Bearer auth with the API key. */
public final class CustifyDestination implements Destination {
    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.of("apiKey", Type.STRING, "API key (Custify > Settings > Developer > API Access)")
                    .mandatory().secretValue(),
            SettingSpec.of("fallbackToAnonymousId", Type.BOOLEAN, "Use anonymousId as user_id when the event has "
                    + "no user id").defaultsTo("false").alias("sendAnonymousId"),
            SettingSpec.of("baseUrl", Type.URL, "API host, for other Custify clusters")
                    .defaultsTo(CustifySettings.DEFAULT_BASE_URL),
            SettingSpec.of("dedup", Type.BOOLEAN, "Give each track event a deduplication_id (dedupField, else "
                    + "messageId)").defaultsTo("false").alias("enableDeduplication"),
            SettingSpec.of("dedupField", Type.STRING, "Event path (dotted, e.g. properties.order_id) whose value "
                    + "becomes deduplication_id when dedup is on").alias("deduplicationField"));

    @Override
    public String name() {
        return "custify";
    }

    @Override
    public String title() {
        return "Custify";
    }

    @Override
    public List<SettingSpec> settings() {
        return SETTINGS;
    }

    @Override
    public Map<EventType, String> coverage() {
        Map<EventType, String> m = new LinkedHashMap<>();
        m.put(EventType.IDENTIFY, "POST /people (person, company link)");
        m.put(EventType.TRACK, "POST /event");
        m.put(EventType.PAGE, "skip: unsupported-by-destination");
        m.put(EventType.SCREEN, "skip: unsupported-by-destination");
        m.put(EventType.GROUP, "POST /company, then POST /people linking the user");
        m.put(EventType.ALIAS, "skip: unsupported-by-destination");
        return m;
    }

    @Override
    public List<String> integrationKeys() {
        return List.of("Custify", "CUSTIFY");
    }

    @Override
    public double defaultRate() {
        return 10;
    }

    @Override
    public Translator translator(Settings settings) {
        return new CustifyTranslator(CustifySettings.from(settings));
    }

    @Override
    public Auth auth(Settings settings) {
        return Auth.bearer(settings.secret("apiKey"));
    }
}
