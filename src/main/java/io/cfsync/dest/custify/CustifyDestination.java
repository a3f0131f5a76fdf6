package io.cfsync.dest.custify;

import io.cfsync.dest.Auth;
import io.cfsync.dest.Configured;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Profile;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.SettingSpec.Type;
import io.cfsync.dest.Settings;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.EventType;
import java.util.List;

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

    private static final Profile PROFILE = Profile.of("custify", "Custify", 10, SETTINGS,
            List.of("Custify", "CUSTIFY"))
            // Custify's own client waits 10 s after a 429 without Retry-After (reference 4.8).
            .pausesAfter429(java.time.Duration.ofSeconds(10))
            .covers(EventType.IDENTIFY, "POST /people (person, company link)")
            .covers(EventType.TRACK, "POST /event")
            .covers(EventType.PAGE, "skip: unsupported-by-destination")
            .covers(EventType.SCREEN, "skip: unsupported-by-destination")
            .covers(EventType.GROUP, "POST /company, then POST /people linking the user")
            .covers(EventType.ALIAS, "skip: unsupported-by-destination");

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Configured configure(Settings settings) {
        return Configured.of(new CustifyTranslator(CustifySettings.from(settings)),
                Auth.bearer(settings.secret("apiKey")), limits());
    }

    /** The first page of one person: the smallest authenticated read of Custify's API. */
    @Override
    public VendorRequest checkRequest(Settings settings) {
        return VendorRequest.json("GET", CustifySettings.from(settings).baseUrl() + "/people/all?itemsPerPage=1&page=1",
                null);
    }
}
