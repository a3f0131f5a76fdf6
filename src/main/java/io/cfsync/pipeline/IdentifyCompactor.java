package io.cfsync.pipeline;

import io.cfsync.event.Event;
import io.cfsync.event.IdentifyMerge;
import io.cfsync.input.Item;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code --compact}: merges a user's consecutive identify calls into one. An identify is held back; a later identify
 * naming exactly the same ids (userId and anonymousId) and the same {@code integrations} joins it; any other kept
 * event naming one of those ids first releases it, so it is delivered before that event, as it would have been.
 * Events of other users pass untouched, and a user's own events keep their order, so per-user order is unchanged.
 * <p>
 * The merged call is the last identify of the run, with {@code traits} built from every call's traits in order (a
 * later value of a trait replaces an earlier one); everything else (messageId, timestamp, context) is the last
 * call's. Memory is bounded: a held identify is released when the {@value #WINDOW}th item (event, blank or invalid
 * line) after the one that began its run is read, before that item is handled, so at most that many are held; the caller releases the rest at the
 * end of each input, and takes them back unsent (pending) when the run stops. Not thread-safe: the reading thread.
 */
final class IdentifyCompactor {
    /** How many items a held identify may wait for its user's next event. */
    public static final int WINDOW = 1000;

    /** A run of identify calls of one user, in input order; the last is the one delivered. */
    public static final class Group {
        private final List<Item.Good> calls = new ArrayList<>(2);
        private final List<String> keys;
        private final long startedAt;

        Group(Item.Good first, long startedAt) {
            this.calls.add(first);
            this.keys = new ArrayList<>(first.event().envelope().identityKeys(null));
            this.startedAt = startedAt;
        }

        public List<Item.Good> calls() {
            return List.copyOf(calls);
        }

        /** The call whose place (line, messageId) the merged identify takes: the last. */
        public Item.Good last() {
            return calls.get(calls.size() - 1);
        }

        /** The calls merged into {@link #last()}: every one before it. */
        public List<Item.Good> mergedAway() {
            return List.copyOf(calls.subList(0, calls.size() - 1));
        }

        /** The identify to deliver: the last call, with every call's traits merged in order. */
        public Event merged() {
            return IdentifyMerge.merged(calls.stream().map(Item.Good::event).toList());
        }

        /** The text to keep for a dead letter: the call's own when nothing was merged, else none. */
        public CharSequence text() {
            return calls.size() == 1 ? last().text() : null;
        }

        /**
         * Same userId, anonymousId and integrations. An email in the traits does not decide it (a later call may
         * drop or change it), but every email a call names becomes a key of the group, so an event naming it
         * releases the group first.
         */
        boolean joins(Event e) {
            return Objects.equals(e.envelope().userId(), last().event().envelope().userId())
                    && Objects.equals(e.envelope().anonymousId(), last().event().envelope().anonymousId())
                    && IdentifyMerge.sameIntegrations(e, last().event());
        }
    }

    private final Map<String, Group> byKey = new HashMap<>();
    private final LinkedHashSet<Group> order = new LinkedHashSet<>();
    private long seen;

    /** Counts one item read; releases, oldest first, the groups whose window has passed. */
    public void tick(Consumer<Group> release) {
        seen++;
        while (!order.isEmpty()) {
            Group oldest = order.iterator().next();
            if (seen - oldest.startedAt < WINDOW) {
                break;
            }
            release(oldest, release);
        }
    }

    /**
     * Takes a kept event: releases the held groups of any id it names, then holds it when it is an identify.
     *
     * @return true when {@code good} is held (the caller does nothing more with it now)
     */
    public boolean offer(Item.Good good, Consumer<Group> release) {
        Event e = good.event();
        String previousId = e instanceof Event.Alias a ? a.previousId() : null;
        if (e instanceof Event.Identify) {
            Group g = byKey.get(e.envelope().userKey());
            List<String> named = e.envelope().identityKeys(null);
            if (g != null && g.joins(e) && named.stream().allMatch(k -> byKey.getOrDefault(k, g) == g)) {
                g.calls.add(good);
                for (String k : named) {
                    if (!g.keys.contains(k)) {
                        g.keys.add(k);
                        byKey.put(k, g);
                    }
                }
                return true;
            }
        }
        for (String k : e.envelope().identityKeys(previousId)) {
            Group g = byKey.get(k);
            if (g != null) {
                release(g, release);
            }
        }
        if (!(e instanceof Event.Identify)) {
            return false;
        }
        Group g = new Group(good, seen);
        for (String k : g.keys) {
            byKey.put(k, g);
        }
        order.add(g);
        return true;
    }

    /** Releases every held group, oldest first (the end of an input). */
    public void releaseAll(Consumer<Group> release) {
        while (!order.isEmpty()) {
            release(order.iterator().next(), release);
        }
    }

    /** Takes every held group back unreleased (a stopped run: they stay pending). */
    public List<Group> drain() {
        List<Group> out = new ArrayList<>(order);
        order.clear();
        byKey.clear();
        return out;
    }

    public int held() {
        return order.size();
    }

    private void release(Group g, Consumer<Group> release) {
        order.remove(g);
        for (String k : g.keys) {
            byKey.remove(k, g);
        }
        release.accept(g);
    }
}
