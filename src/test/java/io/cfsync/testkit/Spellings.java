package io.cfsync.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cfsync.dest.PathSegment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The spellings a secret can take in vendor answers, logs and files, for tests that must find none of them. */
public final class Spellings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Spellings() {
    }

    /** {@code s} JSON-escaped, without the quotes. */
    public static String json(String s) {
        try {
            String q = JSON.writeValueAsString(s);
            return q.substring(1, q.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code s} JSON-escaped with every non-ASCII character as {@code \}{@code uXXXX} (upper-case hex). */
    public static String asciiJson(String s) {
        try {
            String q = ASCII_JSON.writeValueAsString(s);
            return q.substring(1, q.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text spellings: raw, JSON (plain, with \/, ASCII-only in both hex cases, nested), percent and form. */
    public static List<String> of(String s) {
        Set<String> out = new LinkedHashSet<>();
        out.add(s);
        out.add(json(s));
        out.add(json(s).replace("/", "\\/"));
        out.add(asciiJson(s));
        out.add(lowerHex(asciiJson(s), "\\\\u([0-9A-F]{4})", "\\u"));
        out.add(json(json(s)));
        out.add(PathSegment.encode(s));
        out.add(lowerHex(PathSegment.encode(s), "%([0-9A-F]{2})", "%"));
        out.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        out.add(s.replace("&", "&amp;").replace("\"", "&quot;").replace(">", "&gt;").replace("<", "&lt;"));
        return new ArrayList<>(out);
    }

    /** Base64 of {@code s}: standard and URL-safe, with and without padding. */
    public static List<String> base64(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        String std = Base64.getEncoder().encodeToString(b);
        String url = Base64.getUrlEncoder().encodeToString(b);
        return List.of(std, std.replace("=", ""), url, url.replace("=", ""));
    }

    /**
     * Everything a credential must never appear as: every spelling of the key, of base64 of the key and of base64
     * of {@code user:key} (and of those with {@code \/}), and every {@code window}-character piece of the raw key.
     */
    public static List<String> forbidden(String user, String key, int window) {
        Set<String> out = new LinkedHashSet<>(of(key));
        for (String b : base64(key)) {
            out.addAll(of(b));
        }
        for (String b : base64(user + ":" + key)) {
            out.addAll(of(b));
        }
        for (int i = 0; i + window <= key.length(); i++) {
            out.add(key.substring(i, i + window));
        }
        return new ArrayList<>(out);
    }

    /** The first forbidden spelling {@code text} contains, or null. */
    public static String firstIn(String text, List<String> forbidden) {
        for (String f : forbidden) {
            if (text.contains(f)) {
                return f;
            }
        }
        return null;
    }

    private static String lowerHex(String s, String regex, String prefix) {
        Matcher m = Pattern.compile(regex).matcher(s);
        StringBuilder b = new StringBuilder();
        Function<String, String> lower = h -> h.toLowerCase(Locale.ROOT);
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(prefix + lower.apply(m.group(1))));
        }
        m.appendTail(b);
        return b.toString();
    }
}
