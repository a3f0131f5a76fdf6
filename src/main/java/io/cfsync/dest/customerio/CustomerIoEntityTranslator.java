package io.cfsync.dest.customerio;

import io.cfsync.dest.AgeWarning;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Event;
import java.util.List;

/**
 * {@code apiVersion=v2}: every event becomes one {@code POST {base}/api/v2/entity} whose body is the event's entity
 * from {@link CustomerIoEntities}. An identify with a time carries {@link #OLD_IDENTIFY}.
 *
 * <p>Track, page and screen without a person (no id, no email) go to the v1 anonymous events endpoint
 * {@code POST {base}/api/v1/events} exactly as {@code api=track} sends them: a v2 person entity must name one of
 * {@code id}, {@code email}, {@code phone} or {@code cio_id}, and v2 has no anonymous operation. That request is
 * never batched, and it keeps its place against the identify that later joins its {@code anonymousId} to a person,
 * as every request keeps its place against the batches holding the same identities. Pure and thread-safe.
 */
final class CustomerIoEntityTranslator implements Translator {
    /**
     * Customer.io's v2 API keeps an attribute update only when it is newer than the person's last change, and
     * answers 200 either way: a backfill of old identifies may change nothing. Past 72 hours (the vendor's own
     * bound for events that may still trigger campaigns) the run says so.
     */
    static final AgeWarning OLD_IDENTIFY = new AgeWarning("identify-older-than-72h", java.time.Duration.ofHours(72),
            "customer.io track-v2: this run sends identify calls older than 72 hours; Customer.io applies an "
                    + "attribute update only when it is newer than the person's last change, and answers 200 "
                    + "either way, so older values are dropped silently: check a few people after the backfill");
    private final CustomerIoEntities entities;
    private final CustomerIoTranslator anonymous;
    private final String url;

    CustomerIoEntityTranslator(CustomerIoSettings settings) {
        this.entities = new CustomerIoEntities(settings);
        this.anonymous = new CustomerIoTranslator(settings);
        this.url = settings.baseUrl() + "/api/v2/entity";
    }

    @Override
    public Translation translate(Event event, PrePassFacts facts) {
        if (isActivity(event) && CustomerIoPeople.identifiers(event) == null) {
            return anonymous.translate(event, facts);
        }
        CustomerIoEntities.Entity entity = entities.build(event);
        if (entity.refusal() != null) {
            return entity.refusal();
        }
        Translation.Requests r = new Translation.Requests(List.of(VendorRequest.json("POST", url, entity.json())),
                entity.warnings());
        return event instanceof Event.Identify && event.envelope().hasTime() ? r.withAgeWarning(OLD_IDENTIFY) : r;
    }

    private static boolean isActivity(Event e) {
        return e instanceof Event.Track || e instanceof Event.Page || e instanceof Event.Screen;
    }
}
