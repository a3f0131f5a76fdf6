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

/** Customer.io Track API, v1 endpoints or (apiVersion=v2) v2 entities; Basic auth with site id and API key. */
public final class CustomerIoDestination implements Destination {
    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.of("siteId", Type.STRING, "Track API site ID (Account Settings > API Credentials)")
                    .mandatory().alias("siteID"),
            SettingSpec.of("apiKey", Type.STRING, "Track API key").mandatory().secretValue(),
            SettingSpec.of("region", Type.STRING, "Data center: US or EU").defaultsTo("US").alias("datacenter"),
            SettingSpec.of("maxTraits", Type.INTEGER, "Attributes kept per identify; the rest are dropped with a "
                    + "warning").defaultsTo("30"),
            SettingSpec.of("convertDates", Type.BOOLEAN, "Send ISO-8601 date strings in traits and properties as "
                    + "unix seconds").defaultsTo("true"),
            SettingSpec.of("anonymous", Type.CHOICE, "Events without userId or email: send (with anonymous_id) or "
                    + "skip").choices("send", "skip").defaultsTo("send"),
            SettingSpec.of("deviceEvents", Type.BOOLEAN, "Application Installed/Opened/Uninstalled with a device "
                    + "token add or delete the person's device").defaultsTo("true"),
            SettingSpec.of("deviceTokenEventName", Type.STRING, "Another track event name that adds a device"),
            SettingSpec.of("apiVersion", Type.CHOICE, "Track API version: v1 (one request per event on the v1 "
                    + "endpoints) or v2 (every event as one entity, POST /api/v2/entity)").choices("v1", "v2")
                    .defaultsTo("v1"));

    private static final Profile PROFILE = Profile.of("customerio", "Customer.io", 100, SETTINGS,
            List.of("Customer.io", "Customer IO", "CustomerIO", "CUSTOMERIO"))
            .covers(EventType.IDENTIFY, "PUT /api/v1/customers/{id} (v2: person entity, action identify)")
            .covers(EventType.TRACK, "POST /api/v1/customers/{id}/events, or /api/v1/events when anonymous; "
                    + "device events PUT/DELETE /api/v1/customers/{id}/devices (v2: action event, add_device or "
                    + "delete_device)")
            .covers(EventType.PAGE, "POST .../events with type page (v2: action page)")
            .covers(EventType.SCREEN, "POST .../events named 'Viewed {name} Screen' (v2: action screen)")
            .covers(EventType.GROUP, "POST /api/v2/entity (object + relationship)")
            .covers(EventType.ALIAS, "POST /api/v1/merge_customers (v2: action merge)");

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Configured configure(Settings settings) throws SettingsException {
        CustomerIoSettings s = CustomerIoSettings.from(settings);
        Auth auth = Auth.basic(settings.get("siteId"), settings.secret("apiKey"));
        if (!s.v2()) {
            return Configured.of(new CustomerIoTranslator(s), auth, limits());
        }
        return Configured.of(new CustomerIoEntityTranslator(s), auth, limits()).withBatching(v2Batching(s));
    }

    /** With {@code apiVersion=v2}, entities are packed into {@code POST /api/v2/batch} (reference 2.12). */
    private static BatchSpec v2Batching(CustomerIoSettings s) {
        CustomerIoBatchContract c = CustomerIoBatchContract.V2;
        return new BatchSpec(s.baseUrl() + "/api/v2/entity", s.baseUrl() + c.path(), "batch", c.maxBodyBytes(),
                c.defaultMaxEntities());
    }

    /** Track API "find your account region": answers 200 only to a valid site id and key, and changes nothing. */
    @Override
    public VendorRequest checkRequest(Settings settings) throws SettingsException {
        return VendorRequest.json("GET", CustomerIoSettings.from(settings).baseUrl() + "/api/v1/accounts/region", null);
    }
}
