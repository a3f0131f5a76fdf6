package io.cfsync.pipeline;

import io.cfsync.dest.AgeWarning;
import io.cfsync.dest.Destination;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.PrePass;
import io.cfsync.dest.Translator;
import io.cfsync.event.Event;
import io.cfsync.event.EventKeys;
import io.cfsync.input.ReadAhead;
import io.cfsync.input.InputDataException;
import io.cfsync.input.InputSource;
import io.cfsync.input.Item;
import io.cfsync.input.SourceRef;
import io.cfsync.input.ReadMeter;
import io.cfsync.report.RunStats;
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
    private ReadAhead reader = new ReadAhead();
    private ReadMeter meter = ReadMeter.NONE;
    private int maxLineBytes = io.cfsync.input.EventReader.DEFAULT_MAX_LINE_BYTES;
    private final Checkpoints checkpoints;
    private final IdentifyCompactor compactor;
    /** The one decision of each event's end; made again when the shard changes. */
    private Planner planner;
    /** Events that passed every filter, for {@code --limit}. */
    private long taken;
    private java.util.function.Consumer<String> notes = n -> { };
    /** When this run started: how old an event is, for {@link AgeWarning}s (judged here, not by translators). */
    private long startedAt;
    private final java.util.Set<String> advised = new java.util.HashSet<>();
    private java.time.Clock clock = java.time.Clock.systemUTC();
    /** Null when the destination starts no campaigns from replayed events. */
    private RecentEvents recent;

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
        this.compactor = filter.compact() ? new IdentifyCompactor() : null;
        this.planner = new Planner(target, filter, Shard.ALL);
    }

    /** Only users of this shard; the others are skipped as {@code other-shard}. */
    public Pipeline withShard(Shard s) {
        this.planner = new Planner(target, filter, s);
        return this;
    }

    /** Counts the inputs' bytes and names the current one, for the progress display. */
    public Pipeline withMeter(ReadMeter m) {
        this.meter = m;
        this.reader = new ReadAhead(m, maxLineBytes);
        return this;
    }

    /** Lines longer than {@code bytes} are dead-lettered as {@code line-too-long} without being held. */
    public Pipeline withMaxLineBytes(int bytes) {
        this.maxLineBytes = bytes;
        this.reader = new ReadAhead(meter, bytes);
        return this;
    }

    /** Where to say things a person should know (resume points, changed inputs). */
    public Pipeline withNotes(java.util.function.Consumer<String> n) {
        this.notes = n;
        return this;
    }

    /** The clock the run's start is read from (how old events are); the system's by default. */
    public Pipeline withClock(java.time.Clock c) {
        this.clock = c;
        return this;
    }

    /**
     * Reads every input into the sink. Stops early, between lines, when {@code stop} turns true (identify calls
     * held by {@code --compact} then stay pending) or once {@code --limit} events were taken (held calls are sent).
     *
     * @return true when every input was read to its end
     */
    public boolean run(List<InputSource> inputs, InputStream stdin, Sink sink, BooleanSupplier stop)
            throws IOException {
        startedAt = clock.millis();
        recent = RecentEvents.of(target.destination().title(), target.destination().campaignWindow(), startedAt,
                stats, notes);
        if (checkpoints != null) {
            checkpoints.keepPrePass(target.prePass(), inputs);
        }
        for (InputSource src : inputs) {
            if (!src.isRead()) {
                stats.inputsLeftOut.add(src.leftOut());
                continue;
            }
            meter.start(src);
            long skipThrough = 0;
            Checkpoints.Start start = null;
            if (checkpoints != null) {
                start = checkpoints.open(src);
                if (start.note() != null) {
                    notes.accept(start.note());
                }
                if (start.skipWhole()) {
                    stats.inputsFinished.increment();
                    meter.finish(src);
                    continue;
                }
                skipThrough = start.skipThrough();
                if (skipThrough > 0) {
                    notes.accept("resuming " + src.name() + " after " + src.framing().frameName() + " " + skipThrough);
                }
            }
            boolean[] stopped = {false};
            boolean ended = false;
            long[] handled = {skipThrough};
            Checkpoints.Start resume = start;
            try {
                long lines = reader.read(src, stdin, skipThrough,
                        checkpoints == null ? null : checkpoints.tap(src.name()), item -> {
                    // Never between the events of one line (a batch): a line is finished only when all of it is.
                    if (item.ref().line() != handled[0] && (limitReached() || stop.getAsBoolean())) {
                        stopped[0] = true;
                        return false;
                    }
                    if (compactor != null) {
                        compactor.tick(g -> release(g, sink));
                    }
                    if (resume != null && resume.finishedEarlier(item.ref().line())) {
                        prePassOnly(item);
                        book.skipped(item.ref(), null, "finished-earlier");
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
                ended = true;
            } catch (InputDataException e) {
                stats.inputErrors.add(e.kind());
                notes.accept(e.getMessage());
                ended = true;
            } finally {
                stats.lines.add(handled[0] - skipThrough);
                // Held calls go on at the end of an input or at --limit; a stop or a failure leaves them pending.
                endOfInput(!ended || (stopped[0] && !limitReached()), sink);
                meter.finish(src);
            }
            if (stopped[0]) {
                if (limitReached()) {
                    stats.limitStop.add(taken);
                }
                return false;
            }
        }
        return true;
    }

    private boolean limitReached() {
        return filter.limit() > 0 && taken >= filter.limit();
    }

    /**
     * Identify calls still held by {@code --compact} are released at the end of each input; when the run stops
     * they are not sent: pending, their lines unfinished, so the next run reads and sends them.
     */
    private void endOfInput(boolean stopping, Sink sink) {
        if (compactor == null) {
            return;
        }
        if (!stopping) {
            compactor.releaseAll(g -> release(g, sink));
            return;
        }
        for (IdentifyCompactor.Group g : compactor.drain()) {
            for (Item.Good c : g.calls()) {
                book.heldAtStop(c.ref(), c.event());
            }
        }
    }

    private void handle(Item item, Sink sink) {
        Planner.Planned unread = Planner.unread(item);
        if (unread instanceof Planner.Skip skip) {
            book.skipped(item.ref(), null, skip.reason());
            return;
        }
        if (unread instanceof Planner.Invalid inv) {
            Item.Bad bad = (Item.Bad) item;
            book.deadLettered(bad, inv);
            return;
        }
        Item.Good good = (Item.Good) item;
        Event e = good.event();
        stats.eventsByType.add(e.type().wire());
        Planner.Planned out = planner.kept(e);
        if (out != null) {
            ended(good.ref(), e, good.text(), out);
            return;
        }
        taken++;
        if (filter.keptWithoutTime(e)) {
            stats.keptWithoutTime.increment();
        }
        if (compactor != null && e instanceof Event.Identify && checkpoints != null
                && !checkpoints.claim(EventKeys.of(e))) {
            // Delivered before, alone or merged into a later call: merging it again would send older traits.
            book.skipped(good.ref(), e.messageId(), "already-delivered");
            return;
        }
        if (compactor != null && compactor.offer(good, g -> release(g, sink))) {
            if (checkpoints != null) {
                // Held (and claimed), not yet sent: its line is not finished until the merged call ends.
                checkpoints.started(good.ref().file(), good.ref().line());
            }
            return;
        }
        route(good.ref(), e, good.text(), null, sink);
    }

    /** The pre-pass facts of an event about to be translated; the checkpoints keep the pre-pass's state. */
    private PrePassFacts prePass(SourceRef ref, Event e) {
        if (target.prePass() == null) {
            return PrePassFacts.NONE;
        }
        PrePassFacts facts = target.prePass().facts(e);
        if (checkpoints != null) {
            checkpoints.prePassed(ref.file(), ref.line(), e);
        }
        return facts;
    }

    /** A line an earlier run finished: not sent again, but the pre-pass still sees its event, as that run's did. */
    private void prePassOnly(Item item) {
        if (item instanceof Item.Good good && planner.kept(good.event()) == null) {
            prePass(good.ref(), good.event());
        }
    }

    /** Counts {@code w} for an event older than it allows at the run's start, and says its advice once a run. */
    private void ageWarning(AgeWarning w, Event e, SourceRef ref) {
        if (!e.envelope().hasTime() || startedAt - e.envelope().timeMillis() <= w.olderThan().toMillis()) {
            return;
        }
        stats.warnings.add(w.code());
        if (advised.add(w.code())) {
            notes.accept(w.advice() + " (first: " + ref.file() + ":" + ref.line() + "; the summary "
                    + "counts them as " + w.code() + ")");
        }
    }

    /** A group of identify calls released by the compactor: its merged call goes on, in the last call's place. */
    private void release(IdentifyCompactor.Group g, Sink sink) {
        if (g.calls().size() > 1) {
            stats.mergedCalls.increment();
        }
        route(g.last().ref(), g.merged(), g.text(), g, sink);
    }

    /**
     * Pre-pass, translation and the sink for a kept event. {@code held} is the compactor's group when the event was
     * held (its lines were started on the ledger then), else null.
     */
    private void route(SourceRef ref, Event e, CharSequence text, IdentifyCompactor.Group held, Sink sink) {
        Planner.Planned p = planner.translate(ref, e, text, prePass(ref, e));
        if (!(p instanceof Planner.Send send)) {
            ended(ref, e, text, p);
            endHeld(held);
            return;
        }
        for (String w : send.warnings()) {
            stats.warnings.add(w);
        }
        if (checkpoints != null && held == null) { // a held call was claimed and started when it was held
            if (!checkpoints.claim(EventKeys.of(e))) {
                book.skipped(ref, e.messageId(), "already-delivered");
                return;
            }
            checkpoints.started(ref.file(), ref.line());
        }
        if (send.ageWarning() != null) {
            ageWarning(send.ageWarning(), e, ref);
        }
        if (recent != null) {
            recent.sending(e, ref);
        }
        if (held != null) {
            book.compacting(send.delivery(), held.mergedAway());
        }
        sink.submit(send.delivery());
    }

    /** A good event that ends without a delivery: skipped, or dead-lettered with its text. */
    private void ended(SourceRef ref, Event e, CharSequence text, Planner.Planned p) {
        if (p instanceof Planner.Skip skip) {
            book.skipped(ref, e.messageId(), skip.reason());
        } else {
            Planner.Invalid inv = (Planner.Invalid) p;
            book.deadLettered(ref, e, text, inv);
        }
    }

    /**
     * A held group whose merged call ended without a delivery (skipped or dead-lettered): its claims are given back
     * and its lines are done.
     */
    private void endHeld(IdentifyCompactor.Group held) {
        if (held == null) {
            return;
        }
        if (checkpoints != null) {
            checkpoints.failed(EventKeys.of(held.last().event()));
            checkpoints.finished(held.last().ref().file(), held.last().ref().line());
        }
        for (Item.Good c : held.mergedAway()) {
            book.compacted(c.ref(), c.event());
        }
    }

}
