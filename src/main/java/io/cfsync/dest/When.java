package io.cfsync.dest;

/**
 * When a request of a plan runs. Plans execute in order, each step only after the one before succeeded.
 * <ul>
 *   <li>{@code ALWAYS}: runs unconditionally.</li>
 *   <li>{@code LOOKUP}: a read that runs only while nothing was found yet; 200 with an id at the request's
 *       {@code foundIdPointer} means found, 404 means not found, anything else is an ordinary failure.</li>
 *   <li>{@code IF_FOUND}: runs only when a lookup found an id; {@code {found.id}} in its URL is replaced by it.</li>
 *   <li>{@code IF_NOT_FOUND}: runs only when every lookup answered not found. If it answers 409 (the record was
 *       created since the lookups), the plan's lookups run again, once, and the plan goes on from them: the
 *       {@code IF_FOUND} steps then run with the id found.</li>
 * </ul>
 */
public enum When {
    ALWAYS("always"), LOOKUP("lookup"), IF_FOUND("if-found"), IF_NOT_FOUND("if-not-found");

    /** Placeholder in an {@code IF_FOUND} URL. */
    public static final String FOUND_ID = "{found.id}";

    private final String wire;

    When(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
