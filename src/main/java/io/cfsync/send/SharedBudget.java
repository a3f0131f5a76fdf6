package io.cfsync.send;

import io.cfsync.send.rate.BudgetKey;
import io.cfsync.send.rate.SharedRate;
import io.cfsync.send.rate.SharedRateUrl;
import io.cfsync.send.rate.SharedStore;
import io.cfsync.send.rate.redis.RedisStore;
import java.util.List;
import java.util.Map;

/**
 * The front ends' way to a budget shared by several workers ({@code --shared-rate}): naming and checking it before
 * a run, and reading who is on it. No message here repeats a URL as given: its password is a secret. Stateless.
 */
public final class SharedBudget {
    /** One worker on a budget: its id (host:pid:random), shard or task, permits of the last minute, last heard. */
    public record Worker(String id, String label, long lastMinute, long ageMillis) {
    }

    /** A budget as Redis holds it; the rates are NaN when no worker has taken from it yet. */
    public record Status(String name, String url, double ceiling, double rate, List<Worker> workers) {
    }

    /** The URL or the name is wrong, or Redis cannot be reached; the message says which, without the password. */
    public static final class Unusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** What a budget name may be, as a message. */
    public static final String NAME_RULE = "must be 1 to 100 letters, digits or . _ - : / @ + =";

    private SharedBudget() {
    }

    /** Whether {@code key} may name a budget. */
    public static boolean validName(String key) {
        return BudgetKey.valid(key);
    }

    /**
     * {@code options} drawing from the budget named {@code key} (null: the default for the workspace) in the Redis
     * at {@code url}, checked to answer.
     *
     * @param identity the non-secret settings that tell one workspace of {@code dest} from another
     * @param label    how {@code status} lists this worker (its shard), may be empty
     * @throws Unusable naming what is wrong
     */
    public static SinkTuning share(SinkTuning options, String url, String key, String dest,
                                    Map<String, String> identity, String label) {
        SharedRateUrl u = url(url);
        if (options.rate() == SinkTuning.UNLIMITED) {
            throw new Unusable("shares a rate budget, so it needs a --rate (not unlimited)");
        }
        String name = key != null ? name(key) : BudgetKey.of(dest, identity);
        try (RedisStore store = RedisStore.open(u, name)) {
            store.read();
        } catch (SharedStore.Down e) {
            throw new Unusable(e.getMessage());
        }
        return options.withShared(new SharedRate(u, name, label));
    }

    /** Non-secret settings that tell one vendor workspace from another, beside URL settings and credential parts. */
    private static final java.util.Set<String> WORKSPACE = java.util.Set.of("orgName", "orgPod", "region");

    /**
     * What identifies the workspace {@code settings} send to, never a secret: the credential parts that are not
     * secret (site id), URL settings (endpoint, base URL) and the org or region.
     */
    public static Map<String, String> identity(io.cfsync.dest.Destination dest, io.cfsync.dest.Settings settings) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (io.cfsync.dest.SettingSpec s : dest.settings()) {
            boolean names = s.credential() || s.type() == io.cfsync.dest.SettingSpec.Type.URL
                    || WORKSPACE.contains(s.key());
            String v = s.secret() || !names ? null : settings.get(s.key());
            if (v != null && !v.isBlank()) {
                out.put(s.key(), v.trim());
            }
        }
        return out;
    }

    /** The default budget name for a workspace of {@code dest}. */
    public static String defaultKey(String dest, Map<String, String> identity) {
        return BudgetKey.of(dest, identity);
    }

    /** The budget {@code key} at {@code url} and its workers. @throws Unusable naming what is wrong */
    public static Status status(String url, String key) {
        SharedRateUrl u = url(url);
        try (RedisStore store = RedisStore.open(u, name(key))) {
            SharedStore.Budget b = store.read();
            return new Status(b.name(), u.shown(), b.ceiling(), b.rate(), b.workers().stream()
                    .map(w -> new Worker(w.id(), w.label(), w.lastMinute(), w.ageMillis())).toList());
        } catch (SharedStore.Down e) {
            throw new Unusable(e.getMessage());
        }
    }

    /** Every budget held at {@code url}. @throws Unusable naming what is wrong */
    public static List<Status> all(String url) {
        SharedRateUrl u = url(url);
        List<String> names;
        try (RedisStore store = RedisStore.connect(u, "-")) {
            names = store.names();
        } catch (SharedStore.Down e) {
            throw new Unusable(e.getMessage());
        }
        return names.stream().map(n -> status(url, n)).toList();
    }

    /** {@code url} as it may be printed (its password redacted), or a placeholder when it cannot be read. */
    public static String shown(String url) {
        try {
            return SharedRateUrl.parse(url).shown();
        } catch (IllegalArgumentException e) {
            return "(the URL given)";
        }
    }

    /** The password of {@code url}, to be redacted, or null. */
    public static String password(SinkTuning options) {
        return options.shared() == null ? null : options.shared().url().password();
    }

    /** The password in a budget URL as given, or null when it has none or cannot be read (refused elsewhere). */
    public static String password(String url) {
        try {
            return SharedRateUrl.parse(url).password();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SharedRateUrl url(String url) {
        try {
            return SharedRateUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new Unusable(e.getMessage());
        }
    }

    private static String name(String key) {
        if (!BudgetKey.valid(key)) {
            throw new Unusable(NAME_RULE);
        }
        return key;
    }
}
