package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.report.Redactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --dest} and where its settings come from. */
public final class DestinationMixin {
    /** Completion candidates, read from the registry. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Destinations.all().stream().map(Destination::name).iterator();
        }
    }

    /** Completion candidates for --set: every destination's setting keys, each ending in '='. */
    static final class SettingKeys implements Iterable<String> {
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
    @Option(names = "--set", paramLabel = "KEY=VALUE", completionCandidates = SettingKeys.class,
            description = "A destination setting (repeatable). Overrides the environment (CF_SYNC_<DEST>_<KEY>, "
                    + "e.g. CF_SYNC_CUSTOMERIO_API_KEY) and the config file.")
    List<String> set = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings file: destinations: {<dest>: {<key>: <value>}}; values may use "
                    + "$${ENV_VAR}.")
    Path config;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Send to this base URL instead of the vendor's host (proxies, tests). It may not carry "
                    + "credentials (user:password@): those go in the destination's settings.")
    String baseUrl;

    /** The destination named by {@code --dest}. */
    Destination destination() {
        Destination d = Destinations.find(dest);
        if (d == null) {
            throw new UsageException("unknown destination '" + dest + "' (known: " + Destinations.names() + ")");
        }
        return d;
    }

    /** Settings with precedence --set &gt; environment &gt; config file &gt; default. */
    Settings settings(Destination d, Map<String, String> env) throws SettingsException {
        if (baseUrl != null && Redactor.userInfo(baseUrl) != null) {
            // Not echoed: the value holds a password.
            throw new UsageException("--base-url must not carry credentials (user:password@host); put them in the "
                    + d.name() + " settings instead (--set, " + Settings.envName(d.name(), "…") + " or --config; "
                    + "see: cf-sync destinations)");
        }
        Map<String, String> fromConfig = config == null ? Map.of() : ConfigFile.load(config, d.name(), env);
        return Settings.resolve(d.name(), d.settings(), settingsSet(), env, fromConfig, baseUrl);
    }

    /** {@code --set key=value} pairs in order; {@code --set key} alone sets an empty value. */
    Map<String, String> settingsSet() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : set) {
            int eq = kv.indexOf('=');
            m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        return m;
    }
}
