package io.cfsync.send.rate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name of a shared budget: one per vendor workspace. By default the destination and a short hash of what
 * identifies its workspace without being a secret (site id, org, endpoint), so two runs against the same workspace
 * meet in the same budget and runs against different workspaces do not; a name given by the user replaces it.
 * Stateless.
 */
public final class BudgetKey {
    /** Names given by the user: printable, no spaces, short enough for a Redis key and a status line. */
    private static final String NAME = "[A-Za-z0-9._:/@+=-]{1,100}";

    private BudgetKey() {
    }

    /**
     * The default name: {@code dest/hash}.
     *
     * @param identity the non-secret settings that tell one workspace of {@code dest} from another (never a secret)
     */
    public static String of(String dest, Map<String, String> identity) {
        StringBuilder b = new StringBuilder(dest);
        new TreeMap<>(identity).forEach((k, v) -> b.append('\n').append(k).append('=').append(v));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return dest + "/" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Whether {@code name} may name a budget. */
    public static boolean valid(String name) {
        return name != null && name.matches(NAME);
    }

    /** The Redis key that holds budget {@code name}; the worker registry is this plus {@code :workers}. */
    public static String redisKey(String name) {
        return "cf-sync:rate:{" + name + "}";
    }
}
