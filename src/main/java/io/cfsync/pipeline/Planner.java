package io.cfsync.pipeline;

import io.cfsync.dest.AgeWarning;
import io.cfsync.dest.Integrations;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Translation;
import io.cfsync.event.Event;
import io.cfsync.input.Item;
import io.cfsync.input.SourceRef;
import io.cfsync.send.Delivery;
import java.util.List;

/**
 * The one decision of what happens to a decoded item, for lines of files and Kafka records alike: send (a delivery
 * that keeps {@code file:line[index]}), skip (with the reason a run counts) or invalid (with the reason it is
 * dead-lettered or reported as an errant record). What only a file run has around it (the ledger's claims and
 * watermarks, {@code --compact}, {@code --limit}) is {@link Pipeline}'s; a record host calls it through
 * {@link RecordPlanner}. Thread-safety: that of the target's pre-pass, so one per thread.
 */
public final class Planner {
    /** What one event comes to. */
    public sealed interface Planned permits Send, Skip, Invalid {
    }

    /**
     * Submit this delivery to the sink.
     *
     * @param warnings   what the translation left out (e.g. {@code trait-cap}), for counters
     * @param ageWarning the vendor's advice for events older than it allows, or null
     */
    public record Send(Delivery delivery, List<String> warnings, AgeWarning ageWarning) implements Planned {
    }

    /** Deliberately not sent, for {@code reason}. */
    record Skip(String messageId, String reason) implements Planned {
    }

    /**
     * Cannot be sent as it is, for {@code reason}.
     *
     * @param messageId the event's (or batch element's) messageId, or null when it has none or was not an event
     */
    public record Invalid(String messageId, String reason, String detail) implements Planned {
    }

    private final Pipeline.Target target;
    private final EventFilter filter;
    private final Shard shard;

    /** For a run that reads with {@code filter} and keeps the users of {@code shard}. */
    public Planner(Pipeline.Target target, EventFilter filter, Shard shard) {
        this.target = target;
        this.filter = filter;
        this.shard = shard;
    }

    Pipeline.Target target() {
        return target;
    }

    /** A blank or unreadable item's end; null for a good one, which goes on to {@link #kept}. */
    static Planned unread(Item item) {
        if (item instanceof Item.Blank) {
            return new Skip(null, "blank-line");
        }
        if (item instanceof Item.Bad bad) {
            // A batch element names its own messageId, which says more than its line alone.
            String messageId = bad.json() != null && bad.json().path("messageId").isTextual()
                    && bad.ref().index() != SourceRef.NO_INDEX ? bad.json().get("messageId").textValue() : null;
            return new Invalid(messageId, bad.problem().code(), bad.problem().detail());
        }
        return null;
    }

    /** Why a good event ends before translation (a time it cannot be filtered by, a filter, the integrations
     * object, another shard), or null when it is kept. */
    Planned kept(Event e) {
        String invalidTime = filter.invalidTime(e);
        if (invalidTime != null) {
            return new Invalid(e.messageId(), "invalid-timestamp", invalidTime);
        }
        String reason = reject(e);
        return reason == null ? null : new Skip(e.messageId(), reason);
    }

    /** Why this run leaves {@code e} out (a filter, the integrations object, another shard), or null. */
    String reject(Event e) {
        String reason = filter.reject(e);
        if (reason == null && !Integrations.enabled(e, target.destination().integrationKeys())) {
            reason = "disabled-by-integrations";
        }
        if (reason == null && !shard.takes(e.envelope().userKey())) {
            reason = "other-shard";
        }
        return reason;
    }

    /** The translation of a kept event with its pre-pass {@code facts}; {@code text} is its JSON as read, or null. */
    Planned translate(SourceRef ref, Event e, CharSequence text, PrePassFacts facts) {
        Translation t;
        try {
            t = target.translator().translate(e, facts);
        } catch (RuntimeException ex) { // a translator that throws makes the event invalid, not the run fail
            t = Translation.invalid("translator-error", "could not map this event"
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        }
        if (t instanceof Translation.Requests r) {
            return new Send(Deliveries.of(ref, e, text, r.requests()), r.warnings(), r.ageWarning());
        }
        if (t instanceof Translation.Skipped s) {
            return new Skip(e.messageId(), s.reason());
        }
        Translation.Invalid inv = (Translation.Invalid) t;
        return new Invalid(e.messageId(), inv.problem().code(), inv.problem().detail());
    }

    /** An item the whole way, with the pre-pass asked directly (a host that keeps no pre-pass state). */
    Planned plan(Item item) {
        Planned p = unread(item);
        if (p != null) {
            return p;
        }
        Item.Good good = (Item.Good) item;
        Event e = good.event();
        p = kept(e);
        if (p != null) {
            return p;
        }
        PrePassFacts facts = target.prePass() == null ? PrePassFacts.NONE : target.prePass().facts(e);
        return translate(good.ref(), e, good.text(), facts);
    }
}
