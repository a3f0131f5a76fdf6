package io.cfsync.report;

import java.util.regex.Pattern;

/**
 * Library messages made fit for people: Java class names (libraries nest {@code pkg.SomeException: text}) are
 * taken out. The one place that does it, for transport failures and for any other failure a command reports.
 * Stateless.
 */
public final class PlainWords {
    /** A qualified or bare Java type name as libraries put them in messages, with the colon after it. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*)?|\\b[A-Z][\\w$]*(?:Exception|Error)\\b(?::\\s*)?");

    private PlainWords() {
    }

    /** {@code message} without class names, on one line; "" when nothing is left (or it was null). */
    public static String of(String message) {
        if (message == null) {
            return "";
        }
        return CLASS_NAME.matcher(message).replaceAll("").replaceAll("\\s+", " ")
                .replaceAll("^[\\s:;,-]+", "").trim();
    }
}
