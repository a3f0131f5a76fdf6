package io.cfsync.connect;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.report.Durations;
import io.cfsync.pipeline.Setup;
import io.cfsync.send.Network;
import io.cfsync.send.SinkTuning;
import io.cfsync.send.SharedBudget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings: {@code cf.dest}, every destination's settings under their documented names (secrets as
 * passwords, so Connect hides them in its validation answer), how to send ({@link TuningKeys}: the twins of
 * {@code cf-sync send}'s options), the network and {@code cf.drain.timeout}. Checked with the command line's own
 * code, so a mistake reads the same in both; every mistake is found, each beside its key. A good configuration is
 * turned into the same {@link Setup} the command line makes, configuring the destination once. Stateless.
 */
final class ConnectorConfig {
    public static final String DEST = "cf.dest";
    public static final String RATE = "cf.rate";
    public static final String CONCURRENCY = "cf.concurrency";
    public static final String MAX_RETRIES = "cf.max.retries";
    public static final String GIVE_UP_AFTER = "cf.give.up.after";
    public static final String BASE_URL = "cf.base.url";
    /** How long a task lets the events of partitions taken away settle before it lets them go. */
    public static final String DRAIN_TIMEOUT = "cf.drain.timeout";
    public static final String PROXY = "cf.proxy";
    public static final String CA_FILE = "cf.ca.file";
    /** The Redis of a rate budget shared with every worker that names it; a password in it is a secret. */
    public static final String SHARED_RATE = "cf.shared.rate";
    public static final String SHARED_RATE_KEY = "cf.shared.rate.key";
    /**
     * How many tasks share {@code cf.rate}; set by the connector on each task's copy, never by people, so not in
     * the ConfigDef (Connect lists every key of it, internal or not, as a setting).
     */
    static final String TASKS = "cf.tasks";
    /** Which of them a task is (0-based), for its log lines; set by the connector. */
    static final String TASK_ID = "cf.task.id";

    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final ConfigDef DEF = define();

    /**
     * What a task needs, parsed and checked.
     *
     * @param options how to send, at this task's even share of {@code cf.rate} ({@link TaskShares} moves it)
     * @param tasks   how many tasks share {@code cf.rate}
     */
    record Parsed(Setup setup, SinkTuning options, Duration drainTimeout, int tasks) {
        Destination destination() {
            return setup.destination();
        }

        /** {@code cf.rate} for the whole connector. */
        double connectorRate() {
            return shared() ? options.rate() : options.rate() * tasks;
        }

        /** Whether the tasks draw from one budget shared through Redis, rather than each from a share of its own. */
        boolean shared() {
            return options.shared() != null;
        }
    }

    private ConnectorConfig() {
    }

    public static ConfigDef configDef() {
        return DEF;
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef()
                .define(DEST, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                        "Destination: one of " + Destinations.names())
                .define(BASE_URL, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                        "Send every request to this host instead (proxies, tests)")
                .define(DRAIN_TIMEOUT, ConfigDef.Type.STRING, Durations.format(DEFAULT_DRAIN_TIMEOUT),
                        ConfigDef.Importance.LOW, "On a rebalance or a stop, how long a task waits for the events of "
                                + "the partitions it gives up to settle, so that their next holder does not send "
                                + "them again")
                .define(PROXY, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW,
                        "Send through this HTTP proxy, http://[user:password@]host[:port], in a CONNECT tunnel; wins "
                                + "over the worker's HTTPS_PROXY/HTTP_PROXY, NO_PROXY still exempts its hosts")
                .define(CA_FILE, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                        "Also trust the certificate authorities in this PEM bundle, beside the default trust store")
                .define(SHARED_RATE, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM,
                        "Share cf.rate with every worker that names the same budget (the tasks, other connectors, "
                                + "command-line runs) through Redis at redis://[[user]:password@]host[:port][/db]: "
                                + "tasks draw from one budget instead of an equal share each, so idle tasks free "
                                + "theirs")
                .define(SHARED_RATE_KEY, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                        "The shared budget's name (default: the destination and a short hash of its workspace's "
                                + "non-secret identity, as the command line's --shared-rate-key)");
        TuningKeys.define(def);
        for (Map.Entry<String, SettingSpec> e : allSettings().entrySet()) {
            SettingSpec s = e.getValue();
            def.define(e.getKey(), s.secret() ? ConfigDef.Type.PASSWORD : ConfigDef.Type.STRING, null,
                    ConfigDef.Importance.MEDIUM, s.description());
        }
        return def;
    }

    /** Every destination's settings by key; a key that is secret for one destination is a secret for all. */
    private static Map<String, SettingSpec> allSettings() {
        Map<String, SettingSpec> all = new TreeMap<>();
        for (Destination d : Destinations.all()) {
            for (SettingSpec s : d.settings()) {
                all.merge(s.key(), s, (a, b) -> a.secret() ? a : b);
            }
        }
        return all;
    }

    /**
     * Parses and checks a connector's (or task's) configuration.
     *
     * @throws ConfigException naming the setting and what is wrong with it, in the command line's words (the first
     *                         mistake; {@link #problems} tells them all)
     */
    static Parsed parse(Map<String, String> props) {
        Problems problems = new Problems();
        Parsed parsed = check(DEF.parse(props), problems);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.asMap().entrySet().iterator().next();
            throw new BadSetting(first.getKey(), first.getValue());
        }
        int tasks;
        try {
            tasks = Math.max(1, Integer.parseInt(props.getOrDefault(TASKS, "1")));
        } catch (NumberFormatException e) {
            throw new BadSetting(TASKS, "cf.tasks is set by the connector, not '" + props.get(TASKS) + "'");
        }
        SinkTuning o = parsed.options();
        Map<String, Object> values = DEF.parse(props);
        org.apache.kafka.common.config.types.Password shared =
                (org.apache.kafka.common.config.types.Password) values.get(SHARED_RATE);
        if (shared != null && !shared.value().isBlank()) {
            // One budget for all tasks: each takes what it needs of the whole cf.rate instead of an equal share.
            return new Parsed(parsed.setup(), share(o, shared.value(), (String) values.get(SHARED_RATE_KEY), parsed,
                    props.getOrDefault(TASK_ID, "0")), parsed.drainTimeout(), tasks);
        }
        return new Parsed(parsed.setup(), o.withShared(null).withRate(o.rate() / tasks), parsed.drainTimeout(), tasks);
    }

    private static SinkTuning share(SinkTuning o, String url, String key, Parsed parsed, String task) {
        if (key != null && !SharedBudget.validName(key)) {
            throw new BadSetting(SHARED_RATE_KEY, SharedBudget.NAME_RULE);
        }
        try {
            return SharedBudget.share(o, url, key, parsed.destination().name(),
                    SharedBudget.identity(parsed.destination(), parsed.setup().settings()), "task " + task);
        } catch (SharedBudget.Unusable e) {
            throw new BadSetting(SHARED_RATE, e.getMessage()); // never the URL as given: it may hold a password
        }
    }

    /**
     * Every mistake in {@code values} (as the ConfigDef parsed them; a key missing takes its default), each beside
     * its own key, in the command line's words; empty when the configuration is good.
     */
    static Map<String, String> problems(Map<String, Object> values) {
        Problems problems = new Problems();
        check(values, problems);
        return problems.asMap();
    }

    /** The checks of {@link #problems}; the parsed configuration (for a single task) when there was none. */
    private static Parsed check(Map<String, Object> v, Problems problems) {
        String name = (String) v.get(DEST);
        Destination dest = name == null ? null : Destinations.find(name);
        if (dest == null) {
            problems.note(DEST, "unknown destination '" + name + "'; one of " + Destinations.names());
        }
        Settings settings = dest == null ? null : settings(dest, v, problems);
        io.cfsync.send.ProxyRules proxy = problems.attempt(PROXY, () -> proxyRules(v));
        java.util.List<java.nio.file.Path> cas = problems.attempt(CA_FILE, () -> caFiles(v));
        Network network = proxy == null || cas == null ? Network.DIRECT : new Network(proxy, cas);
        TuningKeys.Sending sending = TuningKeys.check(v, dest, network, problems);
        Duration drain = problems.attempt(DRAIN_TIMEOUT,
                () -> TuningKeys.duration(v, DRAIN_TIMEOUT, DEFAULT_DRAIN_TIMEOUT));
        // Checked even when a sending key is wrong, so that one validation names every mistake.
        Setup setup = settings == null ? null : setup(dest, settings, sending == null
                ? new Setup.Shape(false, 0, Network.DIRECT, java.util.List.of())
                : new Setup.Shape(false, sending.batchSize(), network, java.util.List.of(), budgetPassword(v),
                        sending.bulk()),
                problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Parsed(setup, sending.options(), drain, 1);
    }

    /** The shared budget's password, a secret to redact like the vendor's; empty when none is given. */
    private static java.util.List<String> budgetPassword(Map<String, Object> v) {
        org.apache.kafka.common.config.types.Password shared =
                (org.apache.kafka.common.config.types.Password) v.get(SHARED_RATE);
        String password = shared == null || shared.value().isBlank() ? null : SharedBudget.password(shared.value());
        return password == null ? java.util.List.of() : java.util.List.of(password);
    }

    /** The one setup the command line makes too: the destination configured once, checked for a real send. */
    private static Setup setup(Destination dest, Settings settings, Setup.Shape shape, Problems problems) {
        try {
            return Setup.of(dest, settings, shape);
        } catch (SettingsException e) {
            // A message naming several settings (two missing) is shown beside each.
            for (String key : named(dest, e.getMessage())) {
                problems.note(key, e.getMessage());
            }
            return null;
        }
    }

    /** {@code cf.proxy} over the worker's proxy variables. */
    private static io.cfsync.send.ProxyRules proxyRules(Map<String, Object> v) {
        Password p = (Password) v.get(PROXY);
        return io.cfsync.send.ProxyRules.of(p == null ? null : p.value(), PROXY, System.getenv());
    }

    /** {@code cf.ca.file}, read once here so that a bad bundle is a mistake of the configuration. */
    private static java.util.List<java.nio.file.Path> caFiles(Map<String, Object> v) {
        String ca = (String) v.get(CA_FILE);
        java.util.List<java.nio.file.Path> cas = ca == null || ca.isBlank() ? java.util.List.of()
                : java.util.List.of(java.nio.file.Path.of(ca));
        cas.forEach(io.cfsync.send.TrustStores::read);
        return cas;
    }

    /** The settings a destination's message names ({@code … setting 'apiKey' …}), else {@code cf.dest}. */
    private static java.util.List<String> named(Destination dest, String message) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (SettingSpec s : dest.settings()) {
            if (message.contains("'" + s.key() + "'")) {
                keys.add(s.key());
            }
        }
        if (keys.isEmpty()) {
            keys.add(message.contains("--base-url") ? BASE_URL : DEST);
        }
        return keys;
    }

    /** A setting that is wrong, with the key it belongs to, so a validation can show it beside that key. */
    static final class BadSetting extends ConfigException {
        private static final long serialVersionUID = 1L;
        final String key;

        BadSetting(String key, String message) {
            super(message);
            this.key = key;
        }
    }

    /**
     * The destination's settings: each given value checked alone (a setting of another destination is told with the
     * destination it belongs to); the good ones resolved, for the checks across settings that {@link Setup#of}
     * makes (a missing key among them). Null when even those cannot be resolved.
     */
    private static Settings settings(Destination dest, Map<String, Object> v, Problems problems) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String key : allSettings().keySet()) {
            Object val = v.get(key);
            if (val == null) {
                continue;
            }
            if (dest.settings().stream().noneMatch(s -> s.key().equals(key))) {
                problems.put(key, foreign(dest, key));
                continue;
            }
            String value = val instanceof Password p ? p.value() : (String) val;
            try {
                Settings.resolve(dest.name(), dest.settings(), Map.of(), Map.of(), Map.of(key, value), null);
                given.put(key, value);
            } catch (SettingsException e) {
                problems.put(key, e.getMessage());
            }
        }
        try {
            Settings s = Settings.resolve(dest.name(), dest.settings(), Map.of(), Map.of(), given,
                    (String) v.get(BASE_URL));
            // Even with a value found wrong: the checks across the good ones (a missing key) still name theirs.
            return s;
        } catch (SettingsException e) {
            for (String key : named(dest, e.getMessage())) {
                problems.note(key, e.getMessage());
            }
            return null;
        }
    }

    /** {@code unknown customerio setting 'orgName' in the connector config; did you mean cf.dest=kustomer? …}. */
    private static String foreign(Destination dest, String key) {
        java.util.List<String> owners = new java.util.ArrayList<>();
        for (Destination d : Destinations.all()) {
            if (d.settings().stream().anyMatch(s -> s.key().equals(key))) {
                owners.add(DEST + "=" + d.name());
            }
        }
        return "unknown " + dest.name() + " setting '" + key + "' in the connector config; did you mean "
                + String.join(" or ", owners) + "? (see: cf-sync destinations)";
    }
}
