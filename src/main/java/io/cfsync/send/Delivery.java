package io.cfsync.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfsync.dest.VendorRequest;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One event's plan on its way to the vendor. Immutable.
 *
 * @param file      input name, for output and dead letters
 * @param line      input line number
 * @param messageId the event's messageId, or null
 * @param userKey   userId, else anonymousId: the event's main order key (see {@code orderKeys})
 * @param event     the original event, for the dead-letter file
 * @param requests  the plan, in order
 * @param orderKeys every identity the event names, {@code userKey} first, each once (empty only when
 *                  {@code userKey} is null): the plan goes out after the earlier deliveries of each of these keys,
 *                  and later deliveries of any of them wait for it
 * @param text      the event's JSON text exactly as read, or null: a dead letter keeps these bytes, since writing
 *                  {@code event} again could change them (number spellings, escapes)
 * @param index     the event's index in its line's batch, or -1 when the line holds one event
 */
public record Delivery(String file, long line, String messageId, String userKey, JsonNode event,
                       List<VendorRequest> requests, List<String> orderKeys, String text, int index) {
    public Delivery {
        Set<String> keys = new LinkedHashSet<>();
        if (userKey != null) {
            keys.add(userKey);
        }
        if (orderKeys != null) {
            keys.addAll(orderKeys);
        }
        orderKeys = List.copyOf(keys);
    }

    /** A delivery of a line that holds one event. */
    public Delivery(String file, long line, String messageId, String userKey, JsonNode event,
                    List<VendorRequest> requests, List<String> orderKeys, String text) {
        this(file, line, messageId, userKey, event, requests, orderKeys, text, -1);
    }

    /** A delivery ordered by {@code userKey} alone. */
    public Delivery(String file, long line, String messageId, String userKey, JsonNode event,
                    List<VendorRequest> requests) {
        this(file, line, messageId, userKey, event, requests, null, null);
    }

    /** A delivery without the event's original text. */
    public Delivery(String file, long line, String messageId, String userKey, JsonNode event,
                    List<VendorRequest> requests, List<String> orderKeys) {
        this(file, line, messageId, userKey, event, requests, orderKeys, null);
    }

    /** {@code first}, then the order keys of every delivery in {@code ds}, each once: what a batch of them waits on. */
    static List<String> orderKeys(String first, Collection<Delivery> ds) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(first);
        for (Delivery d : ds) {
            keys.addAll(d.orderKeys());
        }
        return List.copyOf(keys);
    }
}
