package io.cfsync.dest;

/** A setting is unknown, missing or malformed. The message names the setting and never contains a secret. */
public class SettingsException extends Exception {
    public SettingsException(String message) {
        super(message);
    }
}
