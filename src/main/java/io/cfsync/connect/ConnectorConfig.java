package io.cfsync.connect;

import io.cfsync.report.Version;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.report.Durations;
import io.cfsync.send.SendChecks;
import io.cfsync.send.SendOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings: {@code cf.dest}, every destination's settings under their documented names (secrets as
 * passwords, so Connect hides them), and how to send ({@code cf.rate}, {@code cf.concurrency},
 * {@code cf.max.retries}, {@code cf.give.up.after}). Checked with the command line's own code, so a mistake reads
 * the same in both. Stateless.
 */
public final class ConnectorConfig {
    public static final String DEST = "cf.dest";
    public static final String RATE = "cf.rate";
    public static final String CONCURRENCY = "cf.concurrency";
    public static final String MAX_RETRIES = "cf.max.retries";
    public static final String GIVE_UP_AFTER = "cf.give.up.after";
    public static final String BASE_URL = "cf.base.url";
    public static final String PROXY = "cf.proxy";
    public static final String CA_FILE = "cf.ca.file";
    /** How many tasks share {@code cf.rate}; set by the connector on each task's copy, never by people. */
    static final String TASKS = "cf.tasks";
    /** Which of them a task is (0-based), for its log lines; set by the connector. */
    static final String TASK_ID = "cf.task.id";

    private static final ConfigDef DEF = define();

    /** What a task needs, parsed and checked. */
    record Parsed(Destination destination, Settings settings, SendOptions options) {
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
                .define(RATE, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                        "Requests per second for the whole connector, split evenly across its tasks (default: the "
                                + "destination's own); 'unlimited' for no limit")
                .define(CONCURRENCY, ConfigDef.Type.INT, SendOptions.DEFAULT_CONCURRENCY,
                        ConfigDef.Importance.MEDIUM, "Requests in flight at most, per task")
                .define(MAX_RETRIES, ConfigDef.Type.INT, SendOptions.DEFAULT_MAX_RETRIES, ConfigDef.Importance.LOW,
                        "Retries of a request after 408, 429, 5xx, timeouts and dropped connections")
                .define(GIVE_UP_AFTER, ConfigDef.Type.STRING, Durations.format(SendOptions.DEFAULT_GIVE_UP_AFTER),
                        ConfigDef.Importance.LOW, "How long the vendor may keep failing before the task pauses "
                                + "its partitions and tries again later")
                .define(BASE_URL, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                        "Send every request to this host instead (proxies, tests)")
                .define(PROXY, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW,
                        "Send through this HTTP proxy, http://[user:password@]host[:port], in a CONNECT tunnel; wins "
                                + "over the worker's HTTPS_PROXY/HTTP_PROXY, NO_PROXY still exempts its hosts")
                .define(CA_FILE, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                        "Also trust the certificate authorities in this PEM bundle, beside the default trust store")
                .defineInternal(TASKS, ConfigDef.Type.INT, 1, ConfigDef.Importance.LOW)
                .defineInternal(TASK_ID, ConfigDef.Type.INT, 0, ConfigDef.Importance.LOW);
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
     * @throws ConfigException naming the setting and what is wrong with it, in the command line's words
     */
    static Parsed parse(Map<String, String> props) {
        Map<String, Object> v = DEF.parse(props);
        String name = (String) v.get(DEST);
        Destination dest = Destinations.find(name);
        if (dest == null) {
            throw new BadSetting(DEST, "unknown destination '" + name + "'; one of " + Destinations.names());
        }
        Settings settings = settings(dest, v);
        double rate;
        int concurrency;
        int retries;
        Duration giveUp;
        String key = RATE;
        try {
            rate = v.get(RATE) == null ? dest.defaultRate() : SendChecks.rate(RATE, (String) v.get(RATE));
            key = CONCURRENCY;
            concurrency = SendChecks.concurrency(CONCURRENCY, (Integer) v.get(CONCURRENCY));
            key = MAX_RETRIES;
            retries = SendChecks.maxRetries(MAX_RETRIES, (Integer) v.get(MAX_RETRIES));
            key = GIVE_UP_AFTER;
            giveUp = Durations.parse((String) v.get(GIVE_UP_AFTER));
        } catch (IllegalArgumentException e) {
            throw new BadSetting(key, e.getMessage());
        }
        int tasks = Math.max(1, (Integer) v.get(TASKS));
        SendOptions options = new SendOptions(rate / tasks, concurrency, retries, SendOptions.Timeouts.DEFAULTS,
                giveUp, "cf-sync/" + Version.get()).withNetwork(network(v));
        return new Parsed(dest, settings, options);
    }

    /** {@code cf.proxy} over the worker's proxy variables, and {@code cf.ca.file}. */
    private static io.cfsync.send.Network network(Map<String, Object> v) {
        org.apache.kafka.common.config.types.Password p = (org.apache.kafka.common.config.types.Password) v.get(PROXY);
        String ca = (String) v.get(CA_FILE);
        String key = PROXY;
        try {
            io.cfsync.send.ProxyRules rules = io.cfsync.send.ProxyRules.of(p == null ? null : p.value(), PROXY,
                    System.getenv());
            key = CA_FILE;
            java.util.List<java.nio.file.Path> cas = ca == null || ca.isBlank() ? java.util.List.of()
                    : java.util.List.of(java.nio.file.Path.of(ca));
            cas.forEach(io.cfsync.send.TrustStores::read);
            return new io.cfsync.send.Network(rules, cas);
        } catch (IllegalArgumentException e) {
            throw new BadSetting(key, e.getMessage());
        }
    }

    /** The setting a destination's message names ({@code … setting 'apiKey' …}), else {@code cf.dest}. */
    private static String named(Destination dest, String message) {
        for (SettingSpec s : dest.settings()) {
            if (message.contains("'" + s.key() + "'")) {
                return s.key();
            }
        }
        return message.contains("--base-url") ? BASE_URL : DEST;
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

    private static Settings settings(Destination dest, Map<String, Object> v) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String key : allSettings().keySet()) {
            Object val = v.get(key);
            if (val == null) {
                continue;
            }
            if (dest.settings().stream().noneMatch(s -> s.key().equals(key))) {
                throw new BadSetting(key, "unknown " + dest.name() + " setting '" + key
                        + "' in the connector config (see: cf-sync destinations)");
            }
            given.put(key, val instanceof Password p ? p.value() : (String) val);
        }
        try {
            Settings s = Settings.resolve(dest.name(), dest.settings(), Map.of(), Map.of(), given,
                    (String) v.get(BASE_URL));
            dest.configure(s);
            dest.checkSendable(s);
            return s;
        } catch (SettingsException e) {
            throw new BadSetting(named(dest, e.getMessage()), e.getMessage());
        }
    }
}
