package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Settings;
import io.cfsync.pipeline.Shard;
import io.cfsync.send.SinkTuning;
import io.cfsync.send.SharedBudget;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * One vendor budget shared by every worker that names it: the Redis that holds it and the budget's name. Each is
 * read from the option, else its {@code CF_SYNC_} variable, else the config file's {@code options}. The URL's
 * password is a secret: no message repeats the URL as given.
 */
final class SharedRateMixin {
    @Option(names = "--shared-rate", paramLabel = "URL",
            description = {"Share one --rate budget with every worker that names the same budget (shards on other "
                    + "hosts, overlapping runs, Kafka Connect tasks) through Redis. Together they never send faster "
                    + "than --rate, and a worker that finishes early frees its share. 429s lower the shared rate for "
                    + "all. If Redis goes away mid-run, each worker sends alone at --rate divided by the workers last "
                    + "seen, and rejoins when it returns. Default: CF_SYNC_SHARED_RATE, else the config file's "
                    + "options.shared-rate. The password is redacted everywhere. The URL (rediss:// for TLS):",
                // The URL form on a line of its own: picocli would wrap inside it.
                "redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]"})
    String url;

    @Option(names = "--shared-rate-key", paramLabel = "NAME",
            description = "The shared budget's name (letters, digits, . _ - : / @ + =). Default: the destination and "
                    + "a short hash of what identifies its workspace without being a secret (site id, org, base "
                    + "URL), so runs against the same workspace share a budget; name it when two workspaces cannot "
                    + "be told apart that way (e.g. two Custify accounts), or to share one budget on purpose. Also "
                    + "CF_SYNC_SHARED_RATE_KEY or options.shared-rate-key.")
    String key;

    /**
     * {@code options} drawing from the shared budget, checked: Redis answers at its URL. Unchanged when none is named.
     *
     * @param config the config file, or null
     * @throws UsageException when the URL or name is wrong, the rate is unlimited, or Redis cannot be reached
     */
    SinkTuning apply(SinkTuning options, Map<String, String> env, Path config, Destination dest, Settings settings,
                      Shard shard) {
        String[] u = first(url, "--shared-rate", env.get("CF_SYNC_SHARED_RATE"), "CF_SYNC_SHARED_RATE",
                ConfigOptions.value(config, "shared-rate"), "options.shared-rate in " + config);
        String[] k = first(key, "--shared-rate-key", env.get("CF_SYNC_SHARED_RATE_KEY"), "CF_SYNC_SHARED_RATE_KEY",
                ConfigOptions.value(config, "shared-rate-key"), "options.shared-rate-key in " + config);
        if (u[0] == null) {
            if (k[0] != null) {
                throw new UsageException(k[1] + " names a shared budget, but no --shared-rate says where it is");
            }
            return options;
        }
        if (k[0] != null && !SharedBudget.validName(k[0])) {
            throw new UsageException(k[1] + " " + SharedBudget.NAME_RULE);
        }
        try {
            // Not echoed: the value may hold a password.
            return SharedBudget.share(options, u[0], k[0], dest.name(), SharedBudget.identity(dest, settings),
                    shard.equals(Shard.ALL) ? "" : "shard " + shard);
        } catch (SharedBudget.Unusable e) {
            throw new UsageException(u[1] + " " + e.getMessage());
        }
    }

    private static String[] first(String... valueThenSource) {
        for (int i = 0; i < valueThenSource.length; i += 2) {
            if (valueThenSource[i] != null && !valueThenSource[i].isBlank()) {
                return new String[] {valueThenSource[i], valueThenSource[i + 1]};
            }
        }
        return new String[] {null, null};
    }
}
