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
 *                  {@code event} again could change them (number spellings, escapes); its {@code toString()} may
 *                  decode them only then, so it is read only when needed
 * @param index     the event's index in its line's batch, or -1 when the line holds one event
 */
public record Delivery(String file, long line, String messageId, String userKey, JsonNode event,
                       List<VendorRequest> requests, List<String> orderKeys, CharSequence text, int index) {
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

    /**
     * A delivery of {@code requests} for the event read at {@code file}:{@code line}; the builder names the rest,
     * which defaults to null (index -1, no order keys beyond the user key).
     */
    public static Builder of(String file, long line, List<VendorRequest> requests) {
        return new Builder(file, line, requests);
    }

    /** Names a delivery's parts, so no call site lists nine of them by position. Not thread-safe. */
    public static final class Builder {
        private final String file;
        private final long line;
        private final List<VendorRequest> requests;
        private String messageId;
        private String userKey;
        private JsonNode event;
        private List<String> orderKeys;
        private CharSequence text;
        private int index = -1;

        private Builder(String file, long line, List<VendorRequest> requests) {
            this.file = file;
            this.line = line;
            this.requests = requests;
        }

        public Builder messageId(String id) {
            this.messageId = id;
            return this;
        }

        public Builder userKey(String key) {
            this.userKey = key;
            return this;
        }

        public Builder event(JsonNode json) {
            this.event = json;
            return this;
        }

        public Builder orderKeys(List<String> keys) {
            this.orderKeys = keys;
            return this;
        }

        public Builder text(CharSequence original) {
            this.text = original;
            return this;
        }

        public Builder index(int inBatch) {
            this.index = inBatch;
            return this;
        }

        public Delivery build() {
            return new Delivery(file, line, messageId, userKey, event, requests, orderKeys, text, index);
        }
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
