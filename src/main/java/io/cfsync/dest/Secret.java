package io.cfsync.dest;

/**
 * A credential. {@link #toString()} never shows it; only the sender calls {@link #reveal()}, at the last moment.
 */
public final class Secret {
    public static final String REDACTED = "<redacted>";
    private static final Secret ABSENT = new Secret(null);
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? ABSENT : new Secret(value);
    }

    public static Secret absent() {
        return ABSENT;
    }

    public boolean isPresent() {
        return value != null;
    }

    /** The clear value, or null when absent. Never log or print it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
