package io.cfsync.pipeline;

import io.cfsync.dest.Integrations;
import io.cfsync.dest.Translation;
import io.cfsync.event.Event;
import io.cfsync.input.EventReader;
import io.cfsync.input.Item;
import io.cfsync.input.SourceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline for a host that is handed events one record at a time (a stream consumer) instead of reading
 * files: the same decoding and validation as a line of a file, the destination's {@code integrations} check,
 * pre-pass and translation, each event ending as a delivery to submit to a sink, a skip or an invalid event. No
 * filters, shards or ledger: the host keeps its own position. Not thread-safe: one per thread (the pre-pass may
 * carry state from one event to the next).
 */
public final class RecordPlanner {
    /** What one event of a record comes to. */
    public sealed interface Planned {
    }

    /**
     * Submit this delivery to the sink.
     *
     * @param warnings what the translation left out (e.g. {@code trait-cap}), for counters
     */
    public record Send(io.cfsync.send.Delivery delivery, List<String> warnings) implements Planned {
    }

    /** Deliberately not sent, with the same reason a file run counts. */
    public record Skip(String messageId, String reason) implements Planned {
    }

    /**
     * Invalid: cannot be sent as it is, for the reason a file run would dead-letter it.
     *
     * @param messageId the event's messageId, or null when it has none or was not an event
     */
    public record Invalid(String messageId, String reason, String detail) implements Planned {
    }

    private final Pipeline.Target target;
    private final EventReader reader = new EventReader();

    public RecordPlanner(Pipeline.Target target) {
        this.target = target;
    }

    /**
     * Plans one record's bytes, read as one line of a file: one result, or one per element of a batch envelope.
     *
     * @param source where the record came from (e.g. {@code topic-partition}), for dead letters and messages
     * @param position its position there (e.g. the offset), standing in for the line number
     */
    public List<Planned> plan(String source, long position, byte[] bytes) {
        List<Planned> out = new ArrayList<>(1);
        reader.readRecord(new SourceRef(source, position), bytes, item -> {
            out.add(plan(item));
            return true;
        });
        return out;
    }

    private Planned plan(Item item) {
        if (item instanceof Item.Blank) {
            return new Skip(null, "blank-line");
        }
        if (item instanceof Item.Bad bad) {
            return new Invalid(null, bad.problem().code(), bad.problem().detail());
        }
        Item.Good good = (Item.Good) item;
        Event e = good.event();
        if (!Integrations.enabled(e, target.destination().integrationKeys())) {
            return new Skip(e.messageId(), "disabled-by-integrations");
        }
        Translation t = Pipeline.translate(target, e);
        if (t instanceof Translation.Requests r) {
            // The ref keeps a batch element's index, so its dead letter and outcome name the element.
            return new Send(Deliveries.of(good.ref(), e, good.text(), r.requests()), r.warnings());
        }
        if (t instanceof Translation.Skipped s) {
            return new Skip(e.messageId(), s.reason());
        }
        Translation.Invalid inv = (Translation.Invalid) t;
        return new Invalid(e.messageId(), inv.problem().code(), inv.problem().detail());
    }
}
