package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.report.Redactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --dest} and where its settings come from. */
final class DestinationMixin {
    /** Completion candidates, read from the registry. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Destinations.all().stream().map(Destination::name).iterator();
        }
    }

    /** Completion candidates for --set: every destination's setting keys, each ending in '='. */
    static final class SettingKeyCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Destinations.all().stream().flatMap(d -> d.settings().stream()).map(s -> s.key() + "=")
                    .distinct().sorted().iterator();
        }
    }

    @Option(names = {"-d", "--dest"}, required = true, paramLabel = "NAME", completionCandidates = Names.class,
            description = "Destination: ${COMPLETION-CANDIDATES}. 'cf-sync destinations' lists their settings.")
    String dest;

    // A list, not a map: picocli reads quotes inside map values and warns about unbalanced ones, echoing the value,
    // which may be an API key.
    @Option(names = "--set", paramLabel = "KEY=VALUE", completionCandidates = SettingKeyCandidates.class,
            description = "A destination setting (repeatable). Overrides the environment (CF_SYNC_<DEST>_<KEY>, "
                    + "e.g. CF_SYNC_CUSTOMERIO_API_KEY) and the config file.")
    List<String> set = new ArrayList<>();

    // Each path starts a line of its own: picocli may wrap inside a path at '/' or '.', and a path split over two
    // lines can be neither read nor copied.
    @Option(names = "--config", paramLabel = "FILE",
            description = {"YAML settings file: destinations: {<dest>: {<key>: <value>}}; values may use "
                    + "$${ENV_VAR}. Default, when it exists:", "$XDG_CONFIG_HOME/cf-sync/config.yaml,",
                "else ~/.config/cf-sync/config.yaml."})
    Path config;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Send to this base URL instead of the vendor's host (proxies, tests). It may not carry "
                    + "credentials (user:password@): those go in the destination's settings.")
    String baseUrl;

    /** Where the last {@link #settings} call found each setting; null before. */
    SettingOrigins origins;

    /** The destination named by {@code --dest}. */
    Destination destination() {
        Destination d = Destinations.find(dest);
        if (d == null) {
            throw new UsageException("unknown destination '" + dest + "'" + DestinationNames.didYouMean(dest)
                    + " (known: " + Destinations.names() + ")");
        }
        return d;
    }

    /**
     * Settings with precedence --set &gt; environment &gt; config file &gt; default. A config value that uses an
     * unset environment variable is an error naming it, unless a higher source sets the same key, or the setting is
     * a secret and {@code dryRun}: a dry-run prints secrets as {@code <redacted>}, so it never needs one.
     */
    Settings settings(Destination d, Map<String, String> env, boolean dryRun) throws SettingsException {
        if (baseUrl != null && Redactor.userInfo(baseUrl) != null) {
            // Not echoed: the value holds a password.
            throw new UsageException("--base-url must not carry credentials (user:password@host); put them in the "
                    + d.name() + " settings instead (--set, " + Settings.envName(d.name(), "…") + " or --config; "
                    + "see: cf-sync destinations)");
        }
        SettingKeys keys = new SettingKeys(d);
        Map<String, String> fromSet = settingsSet();
        for (String k : fromSet.keySet()) {
            if (keys.find(k) == null) {
                throw new UsageException(keys.unknown(k, "in --set"));
            }
        }
        Path file = configFile(env);
        ConfigFile.Loaded loaded = file == null ? ConfigFile.Loaded.NONE : ConfigFile.load(file, d, env);
        Map<String, String> skipped = new LinkedHashMap<>();
        loaded.unset().forEach((key, variable) -> {
            SettingSpec spec = keys.find(key);
            if (keys.inSet(spec, fromSet) || keys.envVariable(spec, env) != null) {
                return; // the file's value is not used
            }
            if (!(dryRun && spec.secret())) {
                throw UsageException.inFile("config file " + loaded.file() + ": setting '" + key + "' uses ${"
                        + variable + "}, but that environment variable is not set");
            }
            skipped.put(key, variable);
        });
        Settings resolved = Settings.resolve(d.name(), d.settings(), fromSet, env, loaded.values(), baseUrl);
        origins = SettingOrigins.of(d, resolved, fromSet, env, loaded, skipped);
        return resolved;
    }

    /** The config file: {@code --config}, else the default one when it exists, else null. */
    Path configFile(Map<String, String> env) {
        return config != null ? config : ConfigFile.discover(env);
    }

    /**
     * {@code --set key=value} pairs in order ({@code key=} sets an empty value). An argument without {@code =} is
     * refused; one that starts with a secret's name is never echoed, since what follows may be the secret itself
     * typed with a space or a colon instead of {@code =}.
     */
    Map<String, String> settingsSet() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : set) {
            int eq = kv.indexOf('=');
            ArgSecrets.Prefix secret = ArgSecrets.secretPrefix(kv);
            if (secret != null && secret.end() < kv.length() && (eq < 0 || !ArgSecrets.isSecretKey(kv.substring(0, eq)))) {
                throw new UsageException("--set " + secret.name() + "…: expected KEY=VALUE; the value is not shown "
                        + "because " + secret.name() + " is a secret");
            }
            if (eq < 0) {
                throw new UsageException("--set " + kv + ": expected KEY=VALUE (KEY= for an empty value)");
            }
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }
}
