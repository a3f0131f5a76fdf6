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
        return adds && person != null && token != null ? Kind.ADD : Kind.EVENT;
    }

    static Translation missingToken() {
        return Translation.invalid("missing-device-token",
                "customer.io Application Uninstalled needs a person id and context.device.token");
    }

    /**
     * The device: {@code tokenKey} ({@code id} in v1, {@code token} in v2), {@code platform}, {@code last_used},
     * {@code attributes} (the event's properties as they are), each only when known.
     */
    static ObjectNode device(Event.Track e, String tokenKey, String token) {
        ObjectNode device = JsonNodeFactory.instance.objectNode();
        device.put(tokenKey, token);
        String type = JsonPath.firstText(e.json(), DEVICE_TYPE);
        if (type != null) {
            String t = type.toLowerCase(Locale.ROOT);
            device.put("platform", IOS_FAMILY.contains(t) ? "ios" : t);
        }
        if (e.envelope().hasTime()) {
            device.put("last_used", ValueRules.unixSeconds(e.envelope().timeMillis()));
        }
        JsonNode props = e.json().get("properties");
        if (props != null && props.isObject()) {
            device.set("attributes", props);
        }
        return device;
    }
}
