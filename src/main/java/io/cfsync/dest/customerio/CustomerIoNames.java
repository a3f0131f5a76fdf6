package io.cfsync.dest.customerio;

import io.cfsync.dest.ValueRules;
import io.cfsync.dest.Translation;
import io.cfsync.event.Event;
import io.cfsync.event.JsonPath;
import java.util.List;

/**
 * Event names both API versions send (reference 2.5 to 2.7): the track event, the page name with its URL
 * fallbacks, {@code Viewed X Screen}, all cut to 100 bytes UTF-8 with an {@code event-name-truncated} warning.
 */
final class CustomerIoNames {
    static final int MAX_NAME_BYTES = 100;
    /** The screen name inside {@code Viewed … Screen}, so that the whole name stays within 100 bytes. */
    static final int MAX_SCREEN_NAME_BYTES = MAX_NAME_BYTES - "Viewed  Screen".length();
    static final String UNNAMED_SCREEN = "Viewed Undefined Screen";
    private static final JsonPath[] PAGE_NAME = JsonPath.all("properties.name", "properties.url", "context.page.url");
    private static final JsonPath[] SCREEN_NAME = JsonPath.all("properties.name", "event");

    private CustomerIoNames() {
    }

    /** The name of a track, page or screen event; null for a page with neither a name nor a URL. */
    static String of(Event e, List<String> warnings) {
        if (e instanceof Event.Track t) {
            return cut(t.event(), MAX_NAME_BYTES, warnings);
        } else if (e instanceof Event.Page p) {
            String name = p.name() != null ? p.name() : JsonPath.firstText(p.json(), PAGE_NAME);
            return name == null ? null : cut(name, MAX_NAME_BYTES, warnings);
        } else if (e instanceof Event.Screen s) {
            String name = s.name() != null ? s.name() : JsonPath.firstText(s.json(), SCREEN_NAME);
            return name == null ? UNNAMED_SCREEN : "Viewed " + cut(name, MAX_SCREEN_NAME_BYTES, warnings) + " Screen";
        }
        throw new IllegalArgumentException("no event name for " + e.type());
    }

    static Translation missingPageName() {
        return Translation.invalid("missing-page-name", "customer.io page has neither name nor url");
    }

    private static String cut(String name, int maxBytes, List<String> warnings) {
        if (ValueRules.utf8Length(name) <= maxBytes) {
            return name;
        }
        warnings.add("event-name-truncated");
        return ValueRules.truncateUtf8(name, maxBytes);
    }
}
