package io.cfsync.dest.customerio;

import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Event;
import java.util.List;

/**
 * {@code apiVersion=v2}: every event becomes one {@code POST {base}/api/v2/entity} whose body is the event's entity
 * from {@link CustomerIoEntities}. Pure and thread-safe.
 */
final class CustomerIoEntityTranslator implements Translator {
    private final CustomerIoEntities entities;
    private final String url;

    CustomerIoEntityTranslator(CustomerIoSettings settings) {
        this.entities = new CustomerIoEntities(settings);
        this.url = settings.baseUrl() + "/api/v2/entity";
    }

    @Override
    public Translation translate(Event event, PrePassFacts facts) {
        CustomerIoEntities.Entity entity = entities.build(event);
        if (entity.refusal() != null) {
            return entity.refusal();
        }
        return new Translation.Requests(List.of(VendorRequest.json("POST", url, entity.json())), entity.warnings());
    }
}
