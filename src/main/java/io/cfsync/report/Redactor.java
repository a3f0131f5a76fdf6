package io.cfsync.report;

import io.cfsync.dest.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The one place that hides secrets in text bound for people or files. Every registered secret is replaced by
 * {@code <redacted>} in every form it can take: as it is, JSON-escaped ({@code \/ \" \\}, {@code &#92;uXXXX} in either
 * case), percent-encoded (path or form style, either case), as HTML character references, and base64 of it
 * (standard or URL-safe, padded or not). A Basic token also stands for its {@code user:password} and password;
 * URL user-info found in command-line arguments counts as a secret. The forms are compiled once, so redacting is
 * cheap enough for every printed line.
 *
 * <p>Callers redact whole texts and only then shorten them, through {@link #cut}, which also drops a cut-off tail
 * that could be the start of a secret. Immutable and thread-safe.
 */
public final class Redactor {
    /** Shorter values would hide ordinary words; no credential is this short. */
    private static final int MIN_SECRET = 3;
    /** A tail this long or longer, cut where it could begin a secret form, is dropped. */
    static final int MIN_FRAGMENT = 3;
    private static final String ELLIPSIS = "…";

    private final List<SecretForms.Form> forms;
    /** The most characters one written form of a secret can span: how far back a cut-off tail can start. */
    private final int longestForm;

    private Redactor(Set<String> values) {
        List<SecretForms.Form> f = new ArrayList<>();
        int longest = 0;
        for (String v : values) {
            f.addAll(SecretForms.of(v));
            // No spelling takes more than 9 characters per UTF-16 unit (%E2%82%AC for one, &#128512; for two).
            longest = Math.max(longest, v.length() * 10);
        }
        f.sort(Comparator.comparingInt(SecretForms.Form::weight).reversed());
        this.forms = List.copyOf(f);
        this.longestForm = longest;
    }

    /** A redactor for these secrets. */
    public Redactor(Collection<Secret> secrets) {
        this(values(secrets, List.of()));
    }

    /** A redactor for these secrets and for the user-info of any URL among {@code args} (a command line). */
    public static Redactor of(Collection<Secret> secrets, List<String> args) {
        return new Redactor(values(secrets, args));
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /** {@code text} with every form of every secret replaced by {@code <redacted>}; null stays null. */
    public String redact(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (SecretForms.Form f : forms) {
            if (f.mayOccurIn(out)) {
                Matcher m = f.pattern().matcher(out);
                if (m.find()) {
                    out = m.replaceAll(Secret.REDACTED);
                }
            }
        }
        return out;
    }

    /**
     * An already redacted text shortened to at most {@code max} characters plus an ellipsis. When it is cut (or
     * {@code truncated} says it was cut before), a tail of {@value #MIN_FRAGMENT} or more characters that could
     * be the beginning of a secret form is dropped too, so no part of a secret survives at the edge.
     */
    public String cut(String redacted, int max, boolean truncated) {
        if (redacted == null || (redacted.length() <= max && !truncated)) {
            return redacted;
        }
        int end = Math.min(max, redacted.length());
        if (end > 0 && end < redacted.length() && Character.isLowSurrogate(redacted.charAt(end))) {
            end--;
        }
        return dropPartialTail(redacted.substring(0, end)) + ELLIPSIS;
    }

    private String dropPartialTail(String text) {
        // Half a surrogate pair is never worth keeping, and would hide a fragment from the code-point patterns.
        String head = !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))
                ? text.substring(0, text.length() - 1) : text;
        int len = head.length();
        int from = Math.max(0, len - longestForm);
        Matcher[] matchers = new Matcher[forms.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = forms.get(i).pattern().matcher(head);
        }
        for (int p = from; p <= len - MIN_FRAGMENT; p++) {
            char c = head.charAt(p);
            for (int i = 0; i < matchers.length; i++) {
                if (forms.get(i).mayStartWith(c)) {
                    Matcher m = matchers[i].region(p, len);
                    if (m.lookingAt() || m.hitEnd()) {
                        return head.substring(0, p);
                    }
                }
            }
        }
        return head;
    }

    private static Set<String> values(Collection<Secret> secrets, List<String> args) {
        Set<String> v = new LinkedHashSet<>();
        for (Secret s : secrets) {
            if (s.isPresent()) {
                add(v, s.reveal());
                String credential = SecretForms.basicCredential(s.reveal());
                if (credential != null) {
                    addCredential(v, credential);
                }
            }
        }
        for (String a : args) {
            String info = userInfo(a);
            if (info != null) {
                addCredential(v, info);
                addCredential(v, percentDecoded(info));
            }
        }
        return v;
    }

    /** {@code user:password} (or a lone token) and the password alone. */
    private static void addCredential(Set<String> v, String credential) {
        add(v, credential);
        int colon = credential.indexOf(':');
        if (colon >= 0) {
            add(v, credential.substring(colon + 1));
        }
    }

    private static void add(Set<String> v, String value) {
        if (value != null && value.length() >= MIN_SECRET) {
            v.add(value);
        }
    }

    /**
     * The user-info of a URL in {@code arg} ({@code user:password} in {@code https://user:password@host}, as
     * written), or null. Generous on purpose: an unencoded {@code /} or {@code ?} in a password still counts.
     */
    public static String userInfo(String arg) {
        int scheme = arg.indexOf("://");
        int at = arg.lastIndexOf('@');
        if (scheme < 0 || at <= scheme + 3) {
            return null;
        }
        String candidate = arg.substring(scheme + 3, at);
        return candidate.indexOf(':') >= 0 || candidate.indexOf('/') < 0 ? candidate : null;
    }

    private static String percentDecoded(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && in[i] == '%' ? Character.digit(in[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (lo >= 0) {
                b.write(hi * 16 + lo);
                i += 2;
            } else {
                b.write(in[i]);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
