package io.cfsync.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code --shard i/n}: this run takes only users whose stable hash of the user key falls in shard i (1-based) of
 * n, so n hosts can split one backfill with each user's order intact. The hash is SHA-256, the same everywhere.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be i/n with 1 <= i <= n, not " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("shard must look like 1/4, not '" + s + "'");
        }
        try {
            return new Shard(Integer.parseInt(s.substring(0, slash).trim()), Integer.parseInt(s.substring(slash + 1)
                    .trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must look like 1/4, not '" + s + "'");
        }
    }

    public boolean takes(String userKey) {
        if (count == 1) {
            return true;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(userKey.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return Long.remainderUnsigned(v, count) == index - 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
