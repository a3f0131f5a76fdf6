package io.cfsync.dest.kustomer;

import io.cfsync.dest.Auth;
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

/** Kustomer REST API: customers and tracking events, Bearer auth, regional hosts by org pod. */
public final class KustomerDestination implements Destination {
    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.of("apiKey", Type.STRING, "API key with the org.tracking role and customer create, read "
                    + "and update (Settings > Security > API Keys)").mandatory().secretValue(),
            SettingSpec.of("orgPod", Type.STRING, "Org Pod from Kustomer's Segment app: prod1 (US), prod2 (EU), "
                    + "prod4 (India), ...; needed to send unless orgName or baseUrl is set (a dry-run without "
                    + "any of them previews the US host)"),
            SettingSpec.of("orgName", Type.STRING, "Org subdomain; sends to https://{orgName}.api.kustomerapp.com, "
                    + "which Kustomer routes to the org's region"),
            SettingSpec.of("baseUrl", Type.URL, "API base URL, overriding orgName and orgPod (proxies, tests)"),
            SettingSpec.of("advancedTransform", Type.BOOLEAN, "Make event names and meta fit Kustomer's rules: "
                    + "no spaces, flat values, Num/At key suffixes").defaultsTo("true"),
            SettingSpec.of("genericPageName", Type.BOOLEAN, "Name every page event Web-Page-Viewed")
                    .defaultsTo("false").alias("genericPage"),
            SettingSpec.of("genericScreenName", Type.BOOLEAN, "Name every screen event Screen-Viewed")
                    .defaultsTo("false").alias("genericScreen"),
            SettingSpec.of("identityEmail", Type.BOOLEAN, "Add the email to the identity of tracking events")
                    .defaultsTo("false").alias("setIdentityEmail"),
            SettingSpec.of("dropEmailFromMeta", Type.BOOLEAN, "With identityEmail, remove email from the event "
                    + "meta").defaultsTo("false").alias("disableEmailAsTrackingProperty"),
            SettingSpec.of("sessionGapMinutes", Type.INTEGER, "Inactivity after which a customer's next tracking "
                    + "event starts a new automatic session").defaultsTo("30"),
            SettingSpec.of("anonymous", Type.CHOICE, "Tracking events without userId: skip, send with the "
                    + "anonymousId as externalId, or send by tracking id and link it on identify")
                    .choices("skip", "external-id", "tracking-id").defaultsTo("skip"),
            SettingSpec.of("mapCustomObject", Type.BOOLEAN, "Send traits.customObject as the customer's custom "
                    + "attributes").defaultsTo("false"));

    /** Default rate 5/s: the lowest plan's budget, 300 requests a minute, shared by the whole org. */
    private static final Profile PROFILE = Profile.of("kustomer", "Kustomer", 5, SETTINGS,
            List.of("Kustomer", "KUSTOMER"))
            // After a 429 with neither Retry-After nor x-ratelimit-reset, wait out a minute's budget (reference 3.11).
            .pausesAfter429(java.time.Duration.ofSeconds(60))
            .covers(EventType.IDENTIFY, "GET /v1/customers/externalId={userId} then /email={email}; "
                    + "PUT /v1/customers/{id}?replace=false if found, else POST /v1/customers; several waiting: "
                    + "POST /v1/customers/bulk (up to 100, polled at /v1/bulk/{id}), an existing customer then "
                    + "by its own plan")
            .covers(EventType.TRACK, "POST /v1/tracking/identityEvent (anonymous=tracking-id: /v1/tracking/event)")
            .covers(EventType.PAGE, "POST /v1/tracking/identityEvent named Web-Page-Viewed-{name}")
            .covers(EventType.SCREEN, "POST /v1/tracking/identityEvent named Screen-Viewed-{name}")
            .covers(EventType.GROUP, "skip: unsupported-by-destination")
            .covers(EventType.ALIAS, "skip: unsupported-by-destination");

    @Override
    public Profile profile() {
        return PROFILE;
    }

    /** A real send needs to know the org's region: the US host a dry-run falls back to may be the wrong one. */
    @Override
    public Configured configure(Settings settings) throws SettingsException {
        KustomerSettings k = KustomerSettings.from(settings);
        Configured c = Configured.of(new KustomerTranslator(k), Auth.bearer(settings.secret("apiKey")),
                limits().pacedByRateHeaders(java.time.Duration.ofSeconds(60))) // the org's budget is per minute
                .withPrePass(new SessionPrePass(k.sessionGapMillis(), k.anonymous() != KustomerSettings.Anonymous.SKIP,
                        SessionPrePass.DEFAULT_MAX_ENTRIES))
                .withBulk(new KustomerBulk(k.baseUrl()));
        return k.hostChosen() ? c : c.refusingToSend("missing kustomer setting 'orgPod' (--set orgPod=… or "
                + Settings.envName(name(), "orgPod") + "), or set orgName or baseUrl");
    }

    /** The first page of one customer: needs the customer read role a send needs for its lookups anyway. */
    @Override
    public VendorRequest checkRequest(Settings settings) throws SettingsException {
        return VendorRequest.json("GET", KustomerSettings.from(settings).baseUrl() + "/v1/customers?page=1&pageSize=1",
                null);
    }
}
