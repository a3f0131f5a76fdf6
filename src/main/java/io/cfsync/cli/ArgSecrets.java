package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.Secret;
import io.cfsync.dest.SettingSpec;
import io.cfsync.report.Redactor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The secrets a command line holds before any setting is resolved: the value of every {@code KEY=VALUE} argument
 * whose key names a secret setting of any destination (so a mistyped {@code --sett apiKey=…} is covered too), the
 * rest of an option's value that starts with a secret's name but lacks the {@code =} ({@code --set "apiKey QkX7…"},
 * {@code --set apiKey:QkX7…}, {@code --set apiKeyQkX7…}), and the user-info of any URL. Used to redact command
 * lines in reports, the ledger and error messages. Stateless.
 */
final class ArgSecrets {
    private static final Set<String> SECRET_KEYS = secretKeys();
    private static final List<String> SECRET_NAMES = secretNames();

    /**
     * The secret setting an argument starts with: its name as declared, and where the rest of the argument begins.
     */
    record Prefix(String name, int end) {
    }

    private ArgSecrets() {
    }

    /** Redacts, from any text, the secrets among {@code args}. */
    public static java.util.function.UnaryOperator<String> redactor(List<String> args) {
        return build(args)::redact;
    }

    /** A redactor for the secrets among {@code args}. */
    static Redactor build(List<String> args) {
        List<Secret> found = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String value = secretValue(args, i);
            if (value != null) {
                found.add(Secret.of(value));
            }
        }
        return Redactor.of(found, args);
    }

    /** {@code args} with the value of each secret {@code KEY=VALUE} replaced, whatever its length. */
    static List<String> masked(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = secretValue(args, i);
            out.add(value == null ? a : a.substring(0, a.length() - value.length()) + Secret.REDACTED);
        }
        return out;
    }

    /**
     * The secret setting {@code arg} starts with, matched as settings match keys (case-insensitive, ignoring
     * {@code _} and {@code -}), the longest name first; null when it starts with none.
     */
    static Prefix secretPrefix(String arg) {
        for (String name : SECRET_NAMES) {
            int end = prefixEnd(arg, norm(name));
            if (end >= 0) {
                return new Prefix(name, end);
            }
        }
        return null;
    }

    /** Whether {@code key} is exactly the name of a secret setting (or of its alias) of some destination. */
    static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(norm(key));
    }

    /** The secret value argument {@code i} holds, or null. */
    private static String secretValue(List<String> args, int i) {
        String arg = args.get(i);
        boolean ofSet = arg.startsWith("--set=");
        String kv = ofSet ? arg.substring("--set=".length()) : arg;
        int eq = kv.indexOf('=');
        if (eq > 0 && SECRET_KEYS.contains(norm(kv.substring(0, eq)))) {
            return eq == kv.length() - 1 ? null : kv.substring(eq + 1);
        }
        // Without a '=' only an option's value counts, so that a file named apikey-notes.ndjson stays readable.
        boolean optionValue = ofSet || (i > 0 && args.get(i - 1).startsWith("-"));
        Prefix p = optionValue ? secretPrefix(kv) : null;
        if (p == null) {
            return null;
        }
        String rest = kv.substring(p.end()).replaceFirst("^[^\\p{Alnum}]+", "");
        return rest.isEmpty() ? null : rest;
    }

    /** Where {@code text} stops matching {@code normName} (skipping {@code _} and {@code -}), or -1. */
    private static int prefixEnd(String text, String normName) {
        int i = 0;
        for (int j = 0; j < normName.length(); i++) {
            if (i == text.length()) {
                return -1;
            }
            char c = Character.toLowerCase(text.charAt(i));
            if (c == '_' || c == '-') {
                continue;
            }
            if (c != normName.charAt(j++)) {
                return -1;
            }
        }
        return i;
    }

    private static List<String> secretNames() {
        Set<String> names = new java.util.TreeSet<>(java.util.Comparator.comparingInt(String::length).reversed()
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (Destination d : Destinations.all()) {
            for (SettingSpec s : d.settings()) {
                if (s.secret()) {
                    names.add(s.key());
                    names.addAll(s.aliases());
                }
            }
        }
        return List.copyOf(names);
    }

    private static Set<String> secretKeys() {
        Set<String> keys = new HashSet<>();
        for (Destination d : Destinations.all()) {
            for (SettingSpec s : d.settings()) {
                if (s.secret()) {
                    keys.add(norm(s.key()));
                    s.aliases().forEach(a -> keys.add(norm(a)));
                }
            }
        }
        return keys;
    }

    /** As settings match keys: case-insensitive, ignoring {@code _} and {@code -}. */
    private static String norm(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
