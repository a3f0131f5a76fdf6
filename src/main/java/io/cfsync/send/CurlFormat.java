package io.cfsync.send;

import io.cfsync.dest.Auth;
import io.cfsync.dest.Destination;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.dest.VendorRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one request as a bash command running {@code curl}, byte for byte the request a real send makes: method,
 * URL, headers in order (with cf-sync's {@code User-Agent}) and body. Credentials never appear: each is a reference
 * to the environment variable that already holds it for a send ({@code CF_SYNC_<DEST>_<KEY>}), and a Basic
 * credential is encoded by the shell, so a user with those variables set can paste and run the command.
 *
 * <p>How: the destination's auth is built once more from its settings with each credential setting replaced by a
 * marker; the markers found in the authenticated request are then turned into variable references. Immutable and
 * thread-safe.
 */
public final class CurlFormat {
    private static final Pattern BASIC = Pattern.compile("Basic ([A-Za-z0-9+/=]+)");
    private final Auth markedAuth;
    private final Map<String, String> variables; // marker -> environment variable
    private final String userAgent;

    CurlFormat(Auth markedAuth, Map<String, String> variables, String userAgent) {
        this.markedAuth = markedAuth;
        this.variables = Map.copyOf(variables);
        this.userAgent = userAgent;
    }

    /**
     * The format for {@code dest} with these settings: every secret or credential setting and every required text setting is a
     * credential slot, named by its environment variable.
     */
    public static CurlFormat of(Destination dest, Settings settings, String userAgent) {
        Map<String, String> values = new LinkedHashMap<>(settings.describe());
        Map<String, String> variables = new LinkedHashMap<>();
        int n = 0;
        for (SettingSpec s : dest.settings()) {
            if (s.secret() || s.credential() || (s.required() && s.type() == SettingSpec.Type.STRING)) {
                // Letters and digits only: a marker survives percent-encoding in a query parameter unchanged.
                String marker = "CFSYNCSLOT" + n++ + "X";
                values.put(s.key(), marker);
                variables.put(marker, Settings.envName(dest.name(), s.key()));
            }
        }
        try {
            Settings marked = Settings.resolve(dest.name(), dest.settings(), values, Map.of(), Map.of(), null);
            return new CurlFormat(dest.configure(marked).auth(), variables, userAgent);
        } catch (SettingsException e) {
            // The same settings were accepted already; a marker in a free-text credential cannot make them invalid.
            throw new IllegalStateException("settings used before they were checked", e);
        }
    }

    /** The command for {@code request} (without credentials) and its body bytes as sent (null: none). */
    public String command(VendorRequest request, byte[] body) {
        VendorRequest r = markedAuth.apply(request, true);
        StringBuilder b = new StringBuilder();
        if (body != null) {
            // printf is a shell builtin, so a body of any size passes (an argument to curl is limited to 128 KiB).
            b.append("printf '%s' ").append(single(new String(body, StandardCharsets.UTF_8))).append(" | ");
        }
        b.append("curl -sS -X ").append(r.method()).append(' ').append(word(r.url(), true));
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            b.append(" \\\n  -H ").append(header(h.getKey(), h.getValue()));
        }
        b.append(" \\\n  -H ").append(single("User-Agent: " + userAgent));
        if (body != null) {
            b.append(" \\\n  --data-binary @-");
        }
        return b.append('\n').toString();
    }

    private String header(String name, String value) {
        Matcher m = BASIC.matcher(value);
        if (m.matches()) {
            String decoded = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            if (hasMarker(decoded)) {
                return "\"" + name + ": Basic $(printf '%s' " + "\"" + expand(decoded, false)
                        + "\" | base64 | tr -d '\\n')\"";
            }
        }
        return word(name + ": " + value, false);
    }

    /**
     * A shell word for {@code text}: single-quoted, or double-quoted with variable references for markers
     * ({@code inUrl}: percent-encoded by the shell as a send encodes a credential in a query parameter).
     */
    private String word(String text, boolean inUrl) {
        return hasMarker(text) ? "\"" + expand(text, inUrl) + "\"" : single(text);
    }

    private boolean hasMarker(String text) {
        return variables.keySet().stream().anyMatch(text::contains);
    }

    /** Text for inside double quotes, each marker as {@code ${VAR}} (or, in a URL, its percent-encoding). */
    private String expand(String text, boolean inUrl) {
        String s = text.replaceAll("([\"$`\\\\])", "\\\\$1");
        for (Map.Entry<String, String> v : variables.entrySet()) {
            s = s.replace(v.getKey(), inUrl ? percentEncoded(v.getValue()) : "${" + v.getValue() + "}");
        }
        return s;
    }

    /**
     * Bash that percent-encodes the variable's UTF-8 bytes as {@link io.cfsync.dest.PathSegment} does: the bytes of
     * {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} stay, every other byte becomes upper-case {@code %XX}.
     */
    static String percentEncoded(String variable) {
        return "$(printf '%s' \"${" + variable + "}\" | od -An -v -tx1 | tr -s ' ' '\\n' | while read -r h; do "
                + "case $h in '') ;; 2[1789ade]|3[0-9]|4[1-9a-f]|5[0-9af]|6[1-9a-f]|7[0-9ae]) printf \"\\x$h\";; "
                + "*) printf '%%%s' \"${h^^}\";; esac; done)";
    }

    /** {@code text} in single quotes, each {@code '} written as {@code '\''}. */
    static String single(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
