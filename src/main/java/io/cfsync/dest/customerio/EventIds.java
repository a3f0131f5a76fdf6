package io.cfsync.dest.customerio;

import io.cfsync.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Customer.io's event {@code id}, a ULID it uses to ignore repeats, derived from the event instead of drawn at
 * random: the 48-bit time part is the event time in milliseconds (0 without one) and the 80-bit rest is the start
 * of SHA-256 of the messageId. So a replay of the same event carries the same id and the vendor dedupes it too.
 * Both API versions take it from {@link #of}, so switching {@code apiVersion} between runs keeps the ids.
 * Pure and thread-safe.
 */
final class EventIds {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private EventIds() {
    }

    /** The event's id, or null when it has no messageId (then there is nothing stable to derive it from). */
    static String of(Event e) {
        return e.messageId() == null ? null : ulid(e.messageId(), e.envelope().timeMillis());
    }

    /** The ULID for {@code messageId} at {@code timeMillis} (negative or unknown times count as 0). */
    static String ulid(String messageId, long timeMillis) {
        byte[] bytes = new byte[16];
        long t = Math.max(0, Math.min(timeMillis, (1L << 48) - 1));
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (t >>> (8 * (5 - i)));
        }
        byte[] h = SHA256.get().digest(messageId.getBytes(StandardCharsets.UTF_8));
        System.arraycopy(h, 0, bytes, 6, 10);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
            lo = (lo << 8) | (bytes[i + 8] & 0xff);
        }
        // 128 bits as 26 base-32 digits, last digit from the lowest 5 bits; the first carries the top 3 bits.
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (lo & 31)];
            lo = (lo >>> 5) | (hi << 59);
            hi >>>= 5;
        }
        return new String(out);
    }
}
