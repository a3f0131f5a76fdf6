package io.cfsync.dest;

import java.util.List;
import java.util.Map;

/**
 * One vendor. Everything the rest of the tool knows about a destination comes from here: its settings, which
 * event types it sends or skips, its default rate, and a pure {@link Translator} built from settings.
 * Implementations are stateless and thread-safe; register them in {@link Destinations}.
 */
public interface Destination {
    /** Name, vendor, default rate, settings, integrations keys and coverage, declared once as data. */
    Profile profile();

    /** The {@code --dest} name, lower case. */
    default String name() {
        return profile().name();
    }

    /** The vendor's name for people, e.g. {@code Customer.io}. */
    default String title() {
        return profile().title();
    }

    default List<SettingSpec> settings() {
        return profile().settings();
    }

    /**
     * For each of the six event types, what happens to it: a short description of the request(s) it becomes,
     * or {@code skip: <reason>}.
     */
    default Map<io.cfsync.event.EventType, String> coverage() {
        return profile().coverage();
    }

    /** Keys of the Segment {@code integrations} object that switch this destination on or off. */
    default List<String> integrationKeys() {
        return profile().integrationKeys();
    }

    /** Default requests per second for sending. */
    default double defaultRate() {
        return profile().defaultRate();
    }

    /** A translator for these settings; fails on settings that are malformed for this vendor. */
    Translator translator(Settings settings) throws SettingsException;

    /** How requests are authenticated with these settings (the secret may be absent in a dry-run). */
    Auth auth(Settings settings);

    /** The per-user pre-pass this destination needs with these settings, or null. */
    default PrePass prePass(Settings settings) {
        return null;
    }

    /**
     * How long to pause after a 429 that names no wait (no {@code Retry-After}), or null to back off exponentially.
     */
    default java.time.Duration throttleWait() {
        return null;
    }

    /** How this destination batches events with these settings, or null when it sends one request per step. */
    default BatchSpec batching(Settings settings) {
        return null;
    }

    /** Extra checks before a real send (beyond required settings), e.g. an endpoint that must be explicit. */
    default void checkSendable(Settings settings) throws SettingsException {
        settings.requireForSend();
    }
}
