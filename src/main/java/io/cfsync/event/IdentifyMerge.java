package io.cfsync.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Merging a user's consecutive identify calls into one: the last call, with {@code traits} built from every call's
 * traits in order (a later value of a trait replaces an earlier one). Stateless; the calls are not changed.
 */
public final class IdentifyMerge {
    private IdentifyMerge() {
    }

    /** The last of {@code calls} (valid events, in input order) with every call's traits merged in. */
    public static Event merged(List<Event> calls) {
        Event last = calls.get(calls.size() - 1);
        if (calls.size() == 1) {
            return last;
        }
        ObjectNode json = last.json().deepCopy();
        ObjectNode traits = json.objectNode();
        boolean any = false;
        for (Event c : calls) {
            JsonNode t = c.json().get("traits");
            if (t != null && t.isObject()) {
                traits.setAll((ObjectNode) t);
                any = true;
            }
        }
        if (any) {
            json.set("traits", traits);
        }
        Decoded d = new EventDecoder().decode(json);
        // Every call was valid and only traits (an object) changed, so the merged call is valid too.
        return d instanceof Decoded.Ok ok ? ok.event() : last;
    }

    /** Whether two events name the same {@code integrations} (both none counts as the same). */
    public static boolean sameIntegrations(Event a, Event b) {
        return Objects.equals(a.json().get("integrations"), b.json().get("integrations"));
    }
}
