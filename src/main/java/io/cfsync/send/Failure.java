package io.cfsync.send;

/**
 * Why a delivery was given up.
 *
 * @param reason   stable code, e.g. {@code http-400} or {@code retries-exhausted}
 * @param detail   a short, redacted explanation
 * @param status   the last HTTP status, or 0 when there was none
 * @param response a short, redacted excerpt of the last response body, or null
 */
public record Failure(String reason, String detail, int status, String response) {
}
