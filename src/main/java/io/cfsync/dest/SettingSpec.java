package io.cfsync.dest;

import java.util.List;

/**
 * One destination setting: its key, type, whether it is required to send, whether it is a secret, its default,
 * allowed values (for {@link Type#CHOICE}), accepted aliases, a one-line description, and whether it is part of the
 * credentials without being a secret (an account id sent beside a key: never printed as a value where credentials
 * are shown, e.g. {@code --format curl}). Immutable; build with
 * {@link #of} and the {@code with...} methods.
 */
public record SettingSpec(String key, Type type, boolean required, boolean secret, String defaultValue,
                          List<String> choices, List<String> aliases, String description, boolean credential) {
    public enum Type { STRING, BOOLEAN, INTEGER, CHOICE, URL }

    public SettingSpec {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
    }

    public static SettingSpec of(String key, Type type, String description) {
        return new SettingSpec(key, type, false, false, null, List.of(), List.of(), description, false);
    }

    /** Part of the credentials (an account or site id), though not a secret. */
    public SettingSpec credentialPart() {
        return new SettingSpec(key, type, required, secret, defaultValue, choices, aliases, description, true);
    }

    public SettingSpec mandatory() {
        return new SettingSpec(key, type, true, secret, defaultValue, choices, aliases, description, credential);
    }

    public SettingSpec secretValue() {
        return new SettingSpec(key, type, required, true, defaultValue, choices, aliases, description, credential);
    }

    public SettingSpec defaultsTo(String value) {
        return new SettingSpec(key, type, required, secret, value, choices, aliases, description, credential);
    }

    public SettingSpec choices(String... values) {
        return new SettingSpec(key, Type.CHOICE, required, secret, defaultValue, List.of(values), aliases, description,
                credential);
    }

    public SettingSpec alias(String... names) {
        return new SettingSpec(key, type, required, secret, defaultValue, choices, List.of(names), description, credential);
    }
}
