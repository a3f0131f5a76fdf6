package io.cfsync.event;

/**
 * Why an event cannot be used: a short, stable {@code code} (counted in summaries, e.g. {@code invalid-timestamp})
 * and a human {@code detail}. Problems are values, never exceptions, so a bad line never stops a run.
 */
public record Problem(String code, String detail) {
    public static Problem of(String code, String detail) {
        return new Problem(code, detail);
    }
}
