package io.cfsync.pipeline;

import io.cfsync.dest.Destination;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Integrations;
import io.cfsync.dest.PrePass;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.event.Event;
import io.cfsync.input.ReadAhead;
import io.cfsync.input.InputDataException;
import io.cfsync.input.InputSource;
import io.cfsync.input.Item;
import io.cfsync.report.RunStats;
import io.cfsync.send.Delivery;
import io.cfsync.send.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * sources → decode → validate → filter → pre-pass → translate → sink, with every event routed to exactly one
 * outcome: delivered (the sink reports it), skipped (counted by reason) or dead-lettered (with file, line and
 * reason). Runs on the calling thread, in input order.
 */
public final class Pipeline {
    /** What the pipeline needs for one destination. */
    public record Target(Destination destination, Translator translator, PrePass prePass) {
    }

    private final Target target;
    private final EventFilter filter;
    private final OutcomeBook book;
    private final RunStats stats;
    private final ReadAhead reader = new ReadAhead();
    private final Checkpoints checkpoints;
    private Shard shard = Shard.ALL;
    private java.util.function.Consumer<String> notes = n -> { };

    /**
     * @param book books every outcome; with checkpoints (a ledger), inputs resume at their watermark (finished ones
     *             are skipped whole), delivered events are skipped as {@code already-delivered}, and progress is
     *             saved as events finish. The same book is the sink's listener.
     */
    public Pipeline(Target target, EventFilter filter, OutcomeBook book) {
        this.target = target;
        this.filter = filter;
        this.book = book;
        this.stats = book.stats();
        this.checkpoints = book.checkpoints();
    }

    /** Only users of this shard; the others are skipped as {@code other-shard}. */
    public Pipeline withShard(Shard s) {
        this.shard = s;
        return this;
    }

    /** Where to say things a person should know (resume points, changed inputs). */
    public Pipeline withNotes(java.util.function.Consumer<String> n) {
        this.notes = n;
        return this;
    }

    /**
     * Reads every input into the sink. Stops early, between events, when {@code stop} turns true.
     *
     * @return true when every input was read to its end
     */
    public boolean run(List<InputSource> inputs, InputStream stdin, Sink sink, BooleanSupplier stop)
            throws IOException {
        for (InputSource src : inputs) {
            long skipThrough = 0;
            Checkpoints.Start start = null;
            if (checkpoints != null) {
                start = checkpoints.open(src);
                if (start.note() != null) {
                    notes.accept(start.note());
                }
                if (start.skipWhole()) {
                    stats.skipped.add("input-already-finished");
                    continue;
                }
                skipThrough = start.skipThrough();
                if (skipThrough > 0) {
                    notes.accept("resuming " + src.name() + " after line " + skipThrough);
                }
            }
            boolean[] stopped = {false};
            long[] handled = {skipThrough};
            Checkpoints.Start resume = start;
            try {
                long lines = reader.read(src, stdin, skipThrough,
                        checkpoints == null ? null : checkpoints.tap(src.name()), item -> {
                    // Never between the events of one line (a batch): a line is finished only when all of it is.
                    if (item.ref().line() != handled[0] && stop.getAsBoolean()) {
                        stopped[0] = true;
                        return false;
                    }
                    if (resume != null && resume.finishedEarlier(item.ref().line())) {
                        skip(item.ref().file(), item.ref().line(), null, "finished-earlier");
                    } else {
                        handle(item, sink);
                    }
                    handled[0] = item.ref().line();
                    if (checkpoints != null) {
                        checkpoints.maybeSave();
                    }
                    return true;
                });
                if (!stopped[0]) {
                    handled[0] = lines;
                    if (checkpoints != null) {
                        checkpoints.readToEnd(src.name(), lines);
                    }
                }
            } catch (InputDataException e) {
                stats.inputErrors.add(e.kind());
                notes.accept(e.getMessage());
            } finally {
                stats.lines.add(handled[0] - skipThrough);
            }
            if (stopped[0]) {
                return false;
            }
        }
        return true;
    }

    private void handle(Item item, Sink sink) {
        if (item instanceof Item.Blank) {
            skip(item.ref().file(), item.ref().line(), null, "blank-line");
        } else if (item instanceof Item.Bad bad) {
            deadLetter(bad.ref().file(), bad.ref().line(), null, bad.problem().code(), bad.problem().detail(),
                    bad.json(), bad.raw(), bad.rawBytes());
        } else {
            Item.Good good = (Item.Good) item;
            Event e = good.event();
            stats.eventsByType.add(e.type().wire());
            String reason = filter.reject(e);
            if (reason == null && !Integrations.enabled(e, target.destination().integrationKeys())) {
                reason = "disabled-by-integrations";
            }
            if (reason == null && !shard.takes(e.envelope().userKey())) {
                reason = "other-shard";
            }
            if (reason != null) {
                skip(good.ref().file(), good.ref().line(), e.messageId(), reason);
                return;
            }
            if (!e.envelope().hasTime() && filter.hasTimeBounds()) {
                stats.keptWithoutTime.increment();
            }
            Translation t = translate(target, e);
            if (t instanceof Translation.Requests r) {
                for (String w : r.warnings()) {
                    stats.warnings.add(w);
                }
                if (checkpoints != null) {
                    if (!checkpoints.claim(EventKeys.of(e))) {
                        skip(good.ref().file(), good.ref().line(), e.messageId(), "already-delivered");
                        return;
                    }
                    checkpoints.started(good.ref().file(), good.ref().line());
                }
                sink.submit(Deliveries.of(good.ref().file(), good.ref().line(), e, good.text(), r.requests()));
            } else if (t instanceof Translation.Skipped s) {
                skip(good.ref().file(), good.ref().line(), e.messageId(), s.reason());
            } else {
                Translation.Invalid inv = (Translation.Invalid) t;
                deadLetter(good.ref().file(), good.ref().line(), e.messageId(), inv.problem().code(),
                        inv.problem().detail(), e.json(), good.text(), null);
            }
        }
    }

    /** The pre-pass, then the translator; a translator that throws makes the event invalid, not the run fail. */
    static Translation translate(Target target, Event e) {
        PrePassFacts facts = target.prePass() == null ? PrePassFacts.NONE : target.prePass().facts(e);
        try {
            return target.translator().translate(e, facts);
        } catch (RuntimeException ex) {
            return Translation.invalid("translator-error", "could not map this event"
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        }
    }

    private void skip(String file, long line, String messageId, String reason) {
        book.skipped(file, line, messageId, reason);
    }

    private void deadLetter(String file, long line, String messageId, String reason, String detail,
                            com.fasterxml.jackson.databind.JsonNode json, String raw, byte[] rawBytes) {
        book.deadLettered(file, line, messageId, reason, detail, json, raw, rawBytes);
    }
}
