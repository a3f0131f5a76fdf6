package io.cfsync.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated Segment-spec event: one immutable record per call type. Built only by {@link EventDecoder},
 * so every instance has a known type, a user key, and well-formed optional parts.
 */
public sealed interface Event {
    Envelope envelope();

    EventType type();

    default ObjectNode json() {
        return envelope().json();
    }

    default String userId() {
        return envelope().userId();
    }

    default String anonymousId() {
        return envelope().anonymousId();
    }

    default String messageId() {
        return envelope().messageId();
    }

    record Identify(Envelope envelope) implements Event {
        public EventType type() {
            return EventType.IDENTIFY;
        }
    }

    /** @param event the non-empty event name */
    record Track(Envelope envelope, String event) implements Event {
        public EventType type() {
            return EventType.TRACK;
        }
    }

    /** @param name the top-level page name, or null */
    record Page(Envelope envelope, String name) implements Event {
        public EventType type() {
            return EventType.PAGE;
        }
    }

    /** @param name the top-level screen name, or null */
    record Screen(Envelope envelope, String name) implements Event {
        public EventType type() {
            return EventType.SCREEN;
        }
    }

    /** @param groupId the group id as a string */
    record Group(Envelope envelope, String groupId) implements Event {
        public EventType type() {
            return EventType.GROUP;
        }
    }

    /** @param previousId the previous id as a string */
    record Alias(Envelope envelope, String previousId) implements Event {
        public EventType type() {
            return EventType.ALIAS;
        }
    }
}
