package io.cfsync.dest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resolved settings of one destination. Precedence: {@code --set} &gt; environment
 * ({@code CF_SYNC_<DEST>_<KEY>}) &gt; config file &gt; default. Keys match case-insensitively, ignoring
 * {@code _} and {@code -}, and through aliases. Immutable and thread-safe.
 */
public final class Settings {
    private final String dest;
    private final Map<String, SettingSpec> specs;
    private final Map<String, String> values;
    private final String baseUrlOverride;
    private final List<String> warnings;

    private Settings(String dest, Map<String, SettingSpec> specs, Map<String, String> values, String baseUrlOverride,
                     List<String> warnings) {
        this.dest = dest;
        this.specs = specs;
        this.values = values;
        this.baseUrlOverride = baseUrlOverride;
        this.warnings = List.copyOf(warnings);
    }

    public static Settings resolve(String dest, List<SettingSpec> specList, Map<String, String> fromSet,
                                   Map<String, String> env, Map<String, String> fromConfig, String baseUrlOverride)
            throws SettingsException {
        Map<String, SettingSpec> specs = new LinkedHashMap<>();
        Map<String, SettingSpec> byNorm = new LinkedHashMap<>();
        for (SettingSpec s : specList) {
            specs.put(s.key(), s);
            byNorm.put(norm(s.key()), s);
            for (String a : s.aliases()) {
                byNorm.put(norm(a), s);
            }
        }
        List<String> warnings = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (SettingSpec s : specList) {
            if (s.defaultValue() != null) {
                values.put(s.key(), s.defaultValue());
            }
        }
        apply(dest, byNorm, fromConfig, values, "in the config file");
        Map<String, String> envValues = new LinkedHashMap<>();
        String prefix = "CF_SYNC_" + dest.toUpperCase(Locale.ROOT) + "_";
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String k = e.getKey().substring(prefix.length());
            if (byNorm.containsKey(norm(k))) {
                envValues.put(k, e.getValue());
            } else {
                warnings.add("environment variable " + e.getKey() + " names no " + dest + " setting; ignored");
            }
        }
        apply(dest, byNorm, envValues, values, "in the environment");
        apply(dest, byNorm, fromSet, values, "in --set");
        if (baseUrlOverride != null) {
            checkUrl("--base-url", baseUrlOverride);
        }
        return new Settings(dest, specs, values, baseUrlOverride == null ? null : stripSlash(baseUrlOverride),
                warnings);
    }

    private static void apply(String dest, Map<String, SettingSpec> byNorm, Map<String, String> in,
                              Map<String, String> values, String where) throws SettingsException {
        for (Map.Entry<String, String> e : in.entrySet()) {
            SettingSpec s = byNorm.get(norm(e.getKey()));
            if (s == null) {
                throw new SettingsException("unknown " + dest + " setting '" + e.getKey() + "' " + where
                        + " (see: cf-sync destinations)");
            }
            values.put(s.key(), check(dest, s, e.getValue()));
        }
    }

    private static String check(String dest, SettingSpec s, String raw) throws SettingsException {
        String v = raw == null ? "" : raw.trim();
        String name = dest + " setting '" + s.key() + "'";
        switch (s.type()) {
            case BOOLEAN:
                switch (v.toLowerCase(Locale.ROOT)) {
                    case "true": case "yes": case "1": case "on":
                        return "true";
                    case "false": case "no": case "0": case "off":
                        return "false";
                    default:
                        throw new SettingsException(name + " must be true or false, not '" + shown(s, v) + "'");
                }
            case INTEGER:
                try {
                    long n = Long.parseLong(v);
                    if (n < 0 || n > Integer.MAX_VALUE) {
                        throw new NumberFormatException();
                    }
                    return Long.toString(n);
                } catch (NumberFormatException ex) {
                    throw new SettingsException(name + " must be a whole number, not '" + shown(s, v) + "'");
                }
            case CHOICE:
                for (String c : s.choices()) {
                    if (c.equalsIgnoreCase(v)) {
                        return c;
                    }
                }
                throw new SettingsException(name + " must be one of " + String.join(", ", s.choices())
                        + ", not '" + shown(s, v) + "'");
            case URL:
                checkUrl(name, v);
                return stripSlash(v);
            default:
                return s.secret() ? raw : v;
        }
    }

    private static String shown(SettingSpec s, String v) {
        return s.secret() ? Secret.REDACTED : v;
    }

    private static void checkUrl(String name, String v) throws SettingsException {
        // A URL with an @ may hold a password: it is never echoed, and credentials belong in the settings.
        String shown = v.indexOf('@') >= 0 ? "a URL with user-info" : "'" + v + "'";
        try {
            URI u = new URI(v);
            if (u.getRawUserInfo() != null) {
                throw new SettingsException(name + " must not carry credentials (user:password@host); put them in "
                        + "the destination's settings instead (see: cf-sync destinations)");
            }
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new SettingsException(name + " must be an http(s) URL, not " + shown);
            }
        } catch (java.net.URISyntaxException e) {
            throw new SettingsException(name + " must be an http(s) URL, not " + shown);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String norm(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** {@code CF_SYNC_<DEST>_<KEY>} with the key in upper snake case: siteId → {@code CF_SYNC_CUSTOMERIO_SITE_ID}. */
    public static String envName(String dest, String key) {
        return "CF_SYNC_" + dest.toUpperCase(Locale.ROOT) + "_"
                + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    public String dest() {
        return dest;
    }

    /** The value, or null when unset and without default. */
    public String get(String key) {
        requireKnown(key);
        return values.get(key);
    }

    public boolean bool(String key) {
        return "true".equals(get(key));
    }

    public int integer(String key) {
        String v = get(key);
        return v == null ? 0 : Integer.parseInt(v);
    }

    public Secret secret(String key) {
        return Secret.of(get(key));
    }

    /** {@code --base-url} when given, else the destination's own choice. Never ends in a slash. */
    public String baseUrl(String fallback) {
        return baseUrlOverride != null ? baseUrlOverride : stripSlash(fallback);
    }

    public boolean hasBaseUrlOverride() {
        return baseUrlOverride != null;
    }

    /** Warnings from resolution (e.g. an environment variable that names no setting). */
    public List<String> warnings() {
        return warnings;
    }

    /** Fails naming every required setting that is unset, with the ways to set it. */
    public void requireForSend() throws SettingsException {
        List<String> missing = new ArrayList<>();
        for (SettingSpec s : specs.values()) {
            if (s.required() && (values.get(s.key()) == null || values.get(s.key()).isEmpty())) {
                missing.add("'" + s.key() + "' (--set " + s.key() + "=… or " + envName(dest, s.key()) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new SettingsException("missing " + dest + " setting" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
    }

    /** Every secret value set, for the redactor. */
    public List<Secret> secrets() {
        List<Secret> out = new ArrayList<>();
        for (SettingSpec s : specs.values()) {
            if (s.secret() && values.get(s.key()) != null) {
                out.add(Secret.of(values.get(s.key())));
            }
        }
        return out;
    }

    /** The values for reports, secrets shown as {@code <redacted>}. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.put(e.getKey(), specs.get(e.getKey()).secret() ? Secret.REDACTED : e.getValue());
        }
        return out;
    }

    private void requireKnown(String key) {
        if (!specs.containsKey(key)) {
            throw new IllegalArgumentException(dest + " has no setting " + key);
        }
    }
}
