package io.cfsync.report;

import io.cfsync.dest.PathSegment;
import io.cfsync.dest.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one place that hides secrets in text bound for people or files: every registered secret, and its
 * percent-encoded form, is replaced by {@code <redacted>}. Thread-safe once built.
 */
public final class Redactor {
    private final List<String> values;

    public Redactor(Collection<Secret> secrets) {
        List<String> v = new ArrayList<>();
        for (Secret s : secrets) {
            if (s.isPresent() && s.reveal().length() >= 3) {
                v.add(s.reveal());
                String enc = PathSegment.encode(s.reveal());
                if (!enc.equals(s.reveal())) {
                    v.add(enc);
                }
            }
        }
        v.sort((a, b) -> b.length() - a.length());
        this.values = List.copyOf(v);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, Secret.REDACTED);
            }
        }
        return out;
    }
}
