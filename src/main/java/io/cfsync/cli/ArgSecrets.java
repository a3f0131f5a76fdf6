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
 * whose key names a secret setting of any destination (so a mistyped {@code --sett apiKey=…} is covered too), and
 * the user-info of any URL. Used to redact command lines in reports, the ledger and error messages. Stateless.
 */
public final class ArgSecrets {
    private static final Set<String> SECRET_KEYS = secretKeys();

    private ArgSecrets() {
    }

    /** Redacts, from any text, the secrets among {@code args}. */
    public static java.util.function.UnaryOperator<String> redactor(List<String> args) {
        return build(args)::redact;
    }

    /** A redactor for the secrets among {@code args}. */
    static Redactor build(List<String> args) {
        List<Secret> found = new ArrayList<>();
        for (String a : args) {
            String value = secretValue(a);
            if (value != null) {
                found.add(Secret.of(value));
            }
        }
        return Redactor.of(found, args);
    }

    /** {@code args} with the value of each secret {@code KEY=VALUE} replaced, whatever its length. */
    static List<String> masked(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (String a : args) {
            String value = secretValue(a);
            out.add(value == null ? a : a.substring(0, a.length() - value.length()) + Secret.REDACTED);
        }
        return out;
    }

    private static String secretValue(String arg) {
        String kv = arg.startsWith("--set=") ? arg.substring("--set=".length()) : arg;
        int eq = kv.indexOf('=');
        if (eq <= 0 || !SECRET_KEYS.contains(norm(kv.substring(0, eq))) || eq == kv.length() - 1) {
            return null;
        }
        return kv.substring(eq + 1);
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
