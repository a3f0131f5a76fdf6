package io.cfsync.pipeline;

import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Event;
import io.cfsync.input.SourceRef;
import io.cfsync.send.Delivery;
import java.util.List;

/** Turns an event and its plan into what the send layer takes, which knows nothing of the event model. */
final class Deliveries {
    private Deliveries() {
    }

    /**
     * The delivery of {@code e}'s plan, ordered by every identity it names (an alias's previousId included),
     * keeping the event's original JSON {@code text} (or null) for its dead letter.
     */
    public static Delivery of(String file, long line, Event e, CharSequence text, List<VendorRequest> requests) {
        return of(new SourceRef(file, line), e, text, requests);
    }

    /** As {@link #of(String, long, Event, CharSequence, List)}, keeping a batch element's index. */
    public static Delivery of(SourceRef ref, Event e, CharSequence text, List<VendorRequest> requests) {
        String previousId = e instanceof Event.Alias a ? a.previousId() : null;
        return Delivery.of(ref.file(), ref.line(), requests).messageId(e.messageId())
                .userKey(e.envelope().userKey()).event(e.json())
                .orderKeys(e.envelope().identityKeys(previousId)).text(text).index(ref.index()).build();
    }
}
