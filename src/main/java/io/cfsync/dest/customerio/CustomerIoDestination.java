package io.cfsync.dest.customerio;

import io.cfsync.dest.Auth;
import io.cfsync.dest.BatchSpec;
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
 * Customer.io, by one of three APIs ({@code api}): the Track API's v1 endpoints ({@code track}, the default), its
 * v2 entities packed into {@code /api/v2/batch} ({@code track-v2}; Basic auth with site id and API key for both),
 * or the Data Pipelines API, the Segment calls as they are packed into {@code /v1/batch} ({@code pipelines}; Basic
 * auth with a Pipelines source's API key as the user and an empty password).
 */
public final class CustomerIoDestination implements Destination {
    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.of("api", Type.CHOICE, "Which Customer.io API: track (Track API v1, one request per "
                    + "event), track-v2 (Track API v2 entities, batched) or pipelines (Data Pipelines API: the "
                    + "Segment calls as they are, batched; Customer.io's way in for historical data); unset: "
                    + "track, or track-v2 with apiVersion=v2").choices("track", "track-v2", "pipelines"),
            SettingSpec.of("siteId", Type.STRING, "Track API site ID (Account Settings > API Credentials); needed "
                    + "to send with api=track or track-v2").alias("siteID").credentialPart(),
            SettingSpec.of("apiKey", Type.STRING, "Track API key; needed to send with api=track or track-v2")
                    .secretValue(),
            SettingSpec.of("pipelinesApiKey", Type.STRING, "API key of a Data Pipelines HTTP source (Data "
                    + "Pipelines > Sources); needed to send with api=pipelines").secretValue(),
            SettingSpec.of("pipelinesContext", Type.CHOICE, "api=pipelines: batch packs into one /v1/batch only "
                    + "calls with equal context and integrations, sent once at its top (the vendor applies a batch's "
                    + "context to all its calls); call packs calls of any context, each keeping its own as server "
                    + "libraries send them: far fewer requests, but the vendor documents no per-call context in a "
                    + "batch").choices("batch", "call").defaultsTo("batch"),
            SettingSpec.of("region", Type.STRING, "Data center: US or EU").defaultsTo("US").alias("datacenter"),
            SettingSpec.of("maxTraits", Type.INTEGER, "Attributes kept per identify; the rest are dropped with a "
                    + "warning (api=track and track-v2; pipelines sends the calls as they are)").defaultsTo("30"),
            SettingSpec.of("convertDates", Type.BOOLEAN, "Send ISO-8601 date strings in traits and properties as "
                    + "unix seconds (api=track and track-v2)").defaultsTo("true"),
            SettingSpec.of("anonymous", Type.CHOICE, "Events without userId or email: send (with anonymous_id) or "
                    + "skip").choices("send", "skip").defaultsTo("send"),
            SettingSpec.of("deviceEvents", Type.BOOLEAN, "Application Installed/Opened/Uninstalled with a device "
                    + "token add or delete the person's device; adding needs an iOS or Android device type "
                    + "(api=track and track-v2)").defaultsTo("true"),
            SettingSpec.of("deviceTokenEventName", Type.STRING, "Another track event name that adds a device"),
            SettingSpec.of("apiVersion", Type.CHOICE, "Older spelling of api: v1 is api=track, v2 is "
                    + "api=track-v2").choices("v1", "v2").defaultsTo("v1"));

    private static final Profile PROFILE = Profile.of("customerio", "Customer.io", 100, SETTINGS,
            List.of("Customer.io", "Customer IO", "CustomerIO", "CUSTOMERIO"))
            .covers(EventType.IDENTIFY, "PUT /api/v1/customers/{id} (track-v2: person entity, action identify; "
                    + "pipelines: the identify call as it is)")
            .covers(EventType.TRACK, "POST /api/v1/customers/{id}/events, or /api/v1/events when anonymous; "
                    + "device events PUT/DELETE /api/v1/customers/{id}/devices (track-v2: action event, add_device "
                    + "or delete_device, anonymous still /api/v1/events; pipelines: the track call as it is)")
            .covers(EventType.PAGE, "POST .../events with type page (track-v2: action page, anonymous "
                    + "/api/v1/events; pipelines: as it is)")
            .covers(EventType.SCREEN, "POST .../events named 'Viewed {name} Screen' (track-v2: action screen, "
                    + "anonymous /api/v1/events; pipelines: as it is)")
            .covers(EventType.GROUP, "POST /api/v2/entity (object + relationship; pipelines: the group call as it is)")
            .covers(EventType.ALIAS, "POST /api/v1/merge_customers (track-v2: action merge; pipelines: POST /v1/alias, "
                    + "never batched)");

    @Override
    public Profile profile() {
        return PROFILE;
    }

    /** "Events more than 72 hours ago won't enter campaigns": a backfill of the last 72 hours can email people. */
    @Override
    public java.time.Duration campaignWindow() {
        return java.time.Duration.ofHours(72);
    }

    @Override
    public Configured configure(Settings settings) throws SettingsException {
        CustomerIoSettings s = CustomerIoSettings.from(settings);
        if (s.api() == CustomerIoSettings.Api.PIPELINES) {
            return Configured.of(new CustomerIoPipelines(s), Auth.basicUser(settings.secret("pipelinesApiKey")),
                    limits()).withBatching(pipelinesBatching(s, settings))
                    .refusingToSend(pipelinesRefusal(settings));
        }
        Auth auth = Auth.basic(settings.get("siteId"), settings.secret("apiKey"));
        Configured c = s.v2() ? Configured.of(new CustomerIoEntityTranslator(s), auth, limits())
                .withBatching(v2Batching(s)) : Configured.of(new CustomerIoTranslator(s), auth, limits());
        return c.refusingToSend(trackRefusal(settings, s));
    }

    /** The Track API signs in with the site id and its key; a Pipelines source with its own key alone. */
    @Override
    public List<String> credentialKeys(Settings settings) {
        try {
            return CustomerIoSettings.from(settings).api() == CustomerIoSettings.Api.PIPELINES
                    ? List.of("pipelinesApiKey") : List.of("siteId", "apiKey");
        } catch (SettingsException e) {
            // Settings a run would refuse: name every credential setting.
            return Destination.super.credentialKeys(settings);
        }
    }

    /** A Pipelines source key is its own credential: the Track API's site id and key are refused there. */
    private String pipelinesRefusal(Settings settings) {
        if (settings.secret("pipelinesApiKey").isPresent()) {
            return null;
        }
        return "customerio api=pipelines needs setting 'pipelinesApiKey' (--set pipelinesApiKey=… or "
                + Settings.envName(name(), "pipelinesApiKey") + "): the API key of a Data Pipelines HTTP source"
                + (present(settings, "siteId") || settings.secret("apiKey").isPresent()
                        ? "; siteId and apiKey belong to the Track API (api=track or track-v2)" : "");
    }

    private String trackRefusal(Settings settings, CustomerIoSettings s) {
        List<String> missing = new java.util.ArrayList<>();
        for (String key : new String[] {"siteId", "apiKey"}) {
            boolean set = key.equals("apiKey") ? settings.secret(key).isPresent() : present(settings, key);
            if (!set) {
                missing.add("'" + key + "' (--set " + key + "=… or " + Settings.envName(name(), key) + ")");
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return "missing customerio setting" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                + " for api=" + s.api().wire
                + (settings.secret("pipelinesApiKey").isPresent()
                        ? "; pipelinesApiKey is used only with api=pipelines" : "");
    }

    private static boolean present(Settings settings, String key) {
        String v = settings.get(key);
        return v != null && !v.isBlank();
    }

    /**
     * With {@code api=pipelines}, calls are packed into {@code POST /v1/batch}; alias goes alone. The vendor
     * applies a batch's {@code context} and {@code integrations} to every call in it and cannot take different
     * ones per call, so a batch holds only calls with equal ones, carried once at its top level.
     */
    private static BatchSpec pipelinesBatching(CustomerIoSettings s, Settings settings) {
        CustomerIoBatchContract c = CustomerIoBatchContract.PIPELINES;
        List<String> urls = CustomerIoPipelines.BATCHED.stream().map(t -> CustomerIoPipelines.url(s, t)).toList();
        BatchSpec spec = BatchSpec.of(urls, s.baseUrl() + c.path(), "batch", c.maxBodyBytes(),
                c.defaultMaxEntities(), CustomerIoPipelines.HEADERS);
        // pipelinesContext=call: any calls share a batch, each with its own context, for backfills where the
        // request count matters more than the vendor's batch rule.
        return spec.sharing("call".equals(settings.get("pipelinesContext")) ? List.of()
                : CustomerIoBatchContract.PIPELINES_SHARED);
    }

    /**
     * With {@code apiVersion=v2}, entities are packed into {@code POST /api/v2/batch} (reference 2.12). Packed by
     * identity, so an anonymous event sent alone to v1 closes only the batch holding its own anonymousId.
     */
    private static BatchSpec v2Batching(CustomerIoSettings s) {
        CustomerIoBatchContract c = CustomerIoBatchContract.V2;
        return BatchSpec.of(s.baseUrl() + "/api/v2/entity", s.baseUrl() + c.path(), "batch", c.maxBodyBytes(),
                c.defaultMaxEntities()).sharing(List.of());
    }

    /** Track API "find your account region": answers 200 only to a valid site id and key, and changes nothing. */
    @Override
    public VendorRequest checkRequest(Settings settings) throws SettingsException {
        return VendorRequest.json("GET", CustomerIoSettings.from(settings).baseUrl() + "/api/v1/accounts/region", null);
    }
}
