package io.cfsync.event;

import java.util.Locale;

/** The six Segment call types. {@link #wire()} is the lower-case name used on the wire and in reports. */
public enum EventType {
    IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    /** Case-insensitive lookup; returns null for anything that is not one of the six types. */
    public static EventType parse(String s) {
        if (s == null) {
            return null;
        }
        for (EventType t : values()) {
            if (t.wire.equalsIgnoreCase(s)) {
                return t;
            }
        }
        return null;
    }
}
