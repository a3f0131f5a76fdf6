package io.cfsync.dest;

/**
 * Facts about an event that need state across events, computed by a destination's {@link PrePass} in input order
 * and handed to its pure translator.
 *
 * @param sessionId an automatic session id, or null
 */
public record PrePassFacts(String sessionId) {
    public static final PrePassFacts NONE = new PrePassFacts(null);
}
