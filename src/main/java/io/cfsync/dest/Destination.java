package io.cfsync.dest;

import java.util.List;
import java.util.Map;

/**
 * One vendor. Everything the rest of the tool knows about a destination comes from here: its {@link Profile}
 * (name, settings, coverage, limits), declared as data, and {@link #configure}, which parses the settings once
 * into a {@link Configured} destination (translator, auth, pre-pass, batching). Implementations are stateless
 * and thread-safe; register them in {@link Destinations}.
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

    /** Default rate and the pause after a 429 without a stated wait; the same for every setting. */
    default Limits limits() {
        return profile().limits();
    }

    /**
     * How recent an event must be for the vendor to start automations (campaigns, emails) for it, or null when
     * replaying an event never starts any. The pipeline counts such events against the run's start, which a pure
     * translator cannot know.
     */
    default java.time.Duration campaignWindow() {
        return null;
    }

    /**
     * Parses and checks {@code settings} once, giving everything a run needs from this destination. Fails, naming
     * the setting, on settings that are malformed for this vendor; does not check that required settings are set
     * (a dry-run works without a key): see {@link #checkSendable}.
     */
    Configured configure(Settings settings) throws SettingsException;

    /**
     * The cheapest authenticated request this vendor offers, for {@code cf-sync check}: a read that changes nothing,
     * answered 2xx when the credentials are good and 401/403 when they are not. Without credentials: the caller
     * applies {@link Configured#auth()}. Null when the vendor offers no such request.
     */
    default VendorRequest checkRequest(Settings settings) throws SettingsException {
        return null;
    }

    /**
     * The settings that together form the credentials a request with these settings carries, for the hint after
     * a refusal: by default every required, secret or credential-part setting. A vendor with several APIs names
     * only the chosen API's, so that the hint leads to the settings that were refused and no others.
     */
    default List<String> credentialKeys(Settings settings) {
        return settings().stream().filter(s -> s.required() || s.secret() || s.credential()).map(SettingSpec::key)
                .toList();
    }

    /**
     * Fails when a real send with these settings must be refused: a required setting unset, or the vendor's own
     * refusal ({@link Configured#sendRefusal()}).
     */
    default void checkSendable(Settings settings) throws SettingsException {
        settings.requireForSend();
        configure(settings).requireSendable();
    }

    // Per-piece views of configure(), kept so that callers can move to configure() one at a time.

    /** Default requests per second for sending. */
    default double defaultRate() {
        return limits().defaultRate();
    }

    /** {@link Limits#pauseAfter429()}: null to back off exponentially. */
    default java.time.Duration throttleWait() {
        return limits().pauseAfter429();
    }

    /** {@link Configured#translator()} of {@link #configure}. */
    default Translator translator(Settings settings) throws SettingsException {
        return configure(settings).translator();
    }

    /**
     * {@link Configured#auth()} of {@link #configure}; only for settings that {@link #translator} already
     * accepted.
     */
    default Auth auth(Settings settings) {
        return configuredAfterTranslator(settings).auth();
    }

    /** {@link Configured#prePass()} of {@link #configure}, or null; only for settings already accepted. */
    default PrePass prePass(Settings settings) {
        return configuredAfterTranslator(settings).prePass();
    }

    /** {@link Configured#batching()} of {@link #configure}, or null; only for settings already accepted. */
    default BatchSpec batching(Settings settings) {
        return configuredAfterTranslator(settings).batching();
    }

    private Configured configuredAfterTranslator(Settings settings) {
        try {
            return configure(settings);
        } catch (SettingsException e) {
            // Callers asked translator() first, which reported the same problem as a SettingsException.
            throw new IllegalStateException("settings used before they were checked", e);
        }
    }
}
