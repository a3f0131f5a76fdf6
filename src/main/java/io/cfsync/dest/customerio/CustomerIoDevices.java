package io.cfsync.dest.customerio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.ValueRules;
import io.cfsync.dest.Translation;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.util.Locale;
import java.util.Set;

/** Which track events add or delete a person's device, and the device object (reference 2.10). */
final class CustomerIoDevices {
    /** What a track event becomes. */
    enum Kind { EVENT, ADD, DELETE, MISSING_TOKEN }

    private static final JsonPath[] DEVICE_TOKEN = JsonPath.all("context.device.token");
    private static final JsonPath[] DEVICE_TYPE = JsonPath.all("context.device.type");
    private static final JsonPath[] OS_NAME = JsonPath.all("context.os.name");
    private static final JsonPath[] OS_VERSION = JsonPath.all("context.os.version");
    /** The standard device attributes of the vendor's device schema, as its SDKs fill them, and their sources. */
    private static final String[][] STANDARD = {
            {"device_model", "context.device.model"},
            {"app_version", "context.app.version"},
            {"device_locale", "context.locale"}};
    private static final JsonPath[] STANDARD_PATHS = {JsonPath.of(STANDARD[0][1]), JsonPath.of(STANDARD[1][1]),
            JsonPath.of(STANDARD[2][1])};
    private static final Set<String> IOS_FAMILY = Set.of("ios", "ipados", "watchos", "tvos");

    private CustomerIoDevices() {
    }

    static String token(Event e) {
        return JsonPath.firstText(e.json(), DEVICE_TOKEN);
    }

    /**
     * {@code Application Uninstalled} deletes (and needs a person and a token); {@code Application Installed},
     * {@code Application Opened} and the configured event add when both are known; anything else is an event.
     *
     * @param person the person id or identifier value, or null
     * @param token  the device token, or null
     */
    static Kind kind(CustomerIoSettings settings, Event.Track e, String person, String token) {
        if (!settings.deviceEvents()) {
            return Kind.EVENT;
        }
        String name = e.event();
        if (name.equals("Application Uninstalled")) {
            return person == null || token == null ? Kind.MISSING_TOKEN : Kind.DELETE;
        }
        boolean adds = name.equals("Application Installed") || name.equals("Application Opened")
                || name.equals(settings.deviceTokenEventName());
        return adds && person != null && token != null && platform(e) != null ? Kind.ADD : Kind.EVENT;
    }

    /**
     * {@code ios} (the iOS family) or {@code android} from {@code context.device.type}, else null: the vendor's
     * device schemas (v1 and v2) require a platform and allow only these two, so a device of another or no type
     * is not added and the event is sent as a plain event instead.
     */
    static String platform(Event e) {
        String type = JsonPath.firstText(e.json(), DEVICE_TYPE);
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        return IOS_FAMILY.contains(t) ? "ios" : t.equals("android") ? "android" : null;
    }

    static Translation missingToken() {
        return Translation.invalid("missing-device-token",
                "customer.io Application Uninstalled needs a person id and context.device.token");
    }

    /**
     * The device: {@code tokenKey} ({@code id} in v1, {@code token} in v2), {@code platform}, {@code last_used},
     * {@code attributes}, each only when known. The attributes are the vendor's standard ones first
     * ({@link #attributes}), then the event's properties as they are (a property of the same name wins).
     */
    static ObjectNode device(Event.Track e, String tokenKey, String token) {
        ObjectNode device = JsonNodeFactory.instance.objectNode();
        device.put(tokenKey, token);
        String platform = platform(e);
        if (platform != null) {
            device.put("platform", platform);
        }
        if (e.envelope().hasTime()) {
            device.put("last_used", ValueRules.unixSeconds(e.envelope().timeMillis()));
        }
        ObjectNode attributes = attributes(e);
        JsonNode props = e.json().get("properties");
        if (props != null && props.isObject()) {
            attributes.setAll((ObjectNode) props);
        }
        if (!attributes.isEmpty()) {
            device.set("attributes", attributes);
        }
        return device;
    }

    /**
     * {@code device_os} ({@code context.os.name}, with {@code context.os.version} after a space when given: the
     * vendor's schema asks for the system "including the version"), {@code device_model}
     * ({@code context.device.model}), {@code app_version} ({@code context.app.version}), {@code device_locale}
     * ({@code context.locale}); each only when the event has it, always as text.
     */
    static ObjectNode attributes(Event e) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        String os = JsonPath.firstText(e.json(), OS_NAME);
        String version = JsonPath.firstText(e.json(), OS_VERSION);
        if (os != null || version != null) {
            a.put("device_os", os == null ? version : version == null ? os : os + " " + version);
        }
        for (int i = 0; i < STANDARD.length; i++) {
            String v = JsonPath.firstText(e.json(), STANDARD_PATHS[i]);
            if (v != null) {
                a.put(STANDARD[i][0], v);
            }
        }
        return a;
    }
}
