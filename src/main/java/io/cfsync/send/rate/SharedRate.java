package io.cfsync.send.rate;

import java.util.Objects;

/**
 * A budget shared with other workers ({@code --shared-rate}): where it lives, its name, and how this worker is
 * listed on it. Immutable.
 *
 * @param url   the Redis holding it
 * @param key   the budget's name (see {@link BudgetKey})
 * @param label this worker's shard or task as {@code cf-sync status} lists it, may be empty
 */
public record SharedRate(SharedRateUrl url, String key, String label) {
    public SharedRate {
        Objects.requireNonNull(url);
        Objects.requireNonNull(key);
        Objects.requireNonNull(label);
    }

    public SharedRate withLabel(String l) {
        return new SharedRate(url, key, l);
    }
}
