package io.cfsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.cfsync.dest.Auth;
import io.cfsync.dest.PathSegment;
import io.cfsync.dest.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RedactorTest {
    static final String KEY = "k\"e\\y/1?>+=é€ 😀x";
    static final String USER = "site-42";

    private static Redactor redactor() {
        return new Redactor(List.of(Secret.of(KEY), Auth.basic(USER, Secret.of(KEY)).secret()));
    }

    /** Every spelling of {@code s} a vendor, a log or a file might use. */
    static List<String> spellings(String s) throws Exception {
        List<String> out = new ArrayList<>();
        out.add(s);
        String json = new ObjectMapper().writeValueAsString(s);
        out.add(json);
        out.add(json.replace("/", "\\/"));
        String ascii = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writeValueAsString(s);
        out.add(ascii);
        out.add(lowerHexEscapes(ascii));
        out.add(escapeAll(s, "=<>&'", true)); // HTML-safe JSON encoders write \u003d and the like
        out.add(new ObjectMapper().writeValueAsString(json)); // JSON inside JSON
        out.add(PathSegment.encode(s));
        out.add(lowerHexPercent(PathSegment.encode(s)));
        out.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        out.add(s.replace("&", "&amp;").replace("\"", "&quot;").replace(">", "&gt;"));
        return out;
    }

    private static String lowerHexEscapes(String s) {
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\u([0-9A-F]{4})").matcher(s);
        while (m.find()) {
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement("\\u" + m.group(1).toLowerCase(Locale.ROOT)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String lowerHexPercent(String s) {
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%([0-9A-F]{2})").matcher(s);
        while (m.find()) {
            m.appendReplacement(b, "%" + m.group(1).toLowerCase(Locale.ROOT));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String escapeAll(String s, String chars, boolean upper) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(chars.indexOf(c) >= 0 || c > 126 ? String.format(upper ? "\\u%04X" : "\\u%04x", (int) c)
                    : c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
        }
        return b.toString();
    }

    static List<String> base64s(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        String std = Base64.getEncoder().encodeToString(b);
        String url = Base64.getUrlEncoder().encodeToString(b);
        return List.of(std, std.replace("=", ""), url, url.replace("=", ""));
    }

    @Test
    void hidesEverySpellingOfTheKeyAndOfTheBasicCredential() throws Exception {
        Redactor r = redactor();
        List<String> forms = new ArrayList<>(spellings(KEY));
        for (String b : base64s(KEY)) {
            forms.addAll(spellings(b));
        }
        for (String b : base64s(USER + ":" + KEY)) {
            forms.addAll(spellings(b));
            forms.addAll(spellings("Basic " + b));
        }
        for (String form : forms) {
            String text = "{\"error\":\"bad key " + form + " given\",\"n\":1}";
            String out = r.redact(text);
            assertTrue(out.contains("<redacted>"), () -> "not redacted: " + form);
            assertFalse(out.contains(form), () -> "survived: " + form);
            assertTrue(out.startsWith("{\"error\":\"bad key ") && out.endsWith(" given\",\"n\":1}"), out);
        }
    }

    @Test
    void aBasicTokenJsonEscapedWithSlashesIsHidden() throws Exception {
        // A 401 body echoing the header as JSON, where the encoder writes / as \/ inside the base64.
        String user = "site";
        String key = "x??~~??y";
        String token = Base64.getEncoder().encodeToString((user + ":" + key).getBytes(StandardCharsets.UTF_8));
        assertTrue(token.contains("/"), token);
        Redactor r = new Redactor(List.of(Secret.of(key), Auth.basic(user, Secret.of(key)).secret()));
        String body = "{\"headers\":{\"Authorization\":\"Basic " + token.replace("/", "\\/") + "\"}}";
        assertEquals("{\"headers\":{\"Authorization\":\"Basic <redacted>\"}}", r.redact(body));
    }

    @Test
    void base64OfTheKeyInsideALongerValueIsHiddenAtAnyAlignment() {
        Redactor r = new Redactor(List.of(Secret.of("s3cr3t-k3y-0123456789")));
        for (String prefix : List.of("", "x", "xy", "Bearer ")) {
            String b = Base64.getEncoder().encodeToString((prefix + "s3cr3t-k3y-0123456789 and more")
                    .getBytes(StandardCharsets.UTF_8));
            String out = r.redact(b);
            assertTrue(out.contains("<redacted>"), prefix + ": " + out);
            assertTrue(out.length() <= b.length() - 15, prefix + ": " + out);
        }
    }

    @Test
    void urlUserInfoInArgumentsIsASecret() {
        Redactor r = Redactor.of(List.of(), List.of("send", "--base-url", "http://bob:pa%24%24word@127.0.0.1:9/x"));
        assertEquals("--base-url http://<redacted>@127.0.0.1:9/x",
                r.redact("--base-url http://bob:pa%24%24word@127.0.0.1:9/x"));
        assertEquals("tried <redacted> and <redacted>", r.redact("tried pa$$word and pa%24%24word"));
        String basic = Base64.getEncoder().encodeToString("bob:pa$$word".getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic <redacted>", r.redact("Basic " + basic));
        assertEquals("http://<redacted>@h", Redactor.of(List.of(), List.of("http://t0k3n@h")).redact("http://t0k3n@h"));
    }

    @Test
    void leavesOtherTextAlone() {
        Redactor r = redactor();
        String text = "POST https://track.customer.io/api/v1/customers/u-1: 500 {\"k\":\"e\",\"y\":\"1\"} é€ \\u00e9";
        assertEquals(text, r.redact(text));
        assertEquals(text, Redactor.none().redact(text));
        assertEquals(null, r.redact(null));
    }

    @Test
    void aCutNeverLeavesTheBeginningOfASecret() {
        String key = "0123456789abcdefghijkl";
        Redactor r = new Redactor(List.of(Secret.of(key)));
        for (int keep = 1; keep < key.length(); keep++) {
            String text = "x".repeat(20) + key.substring(0, keep);
            String out = r.cut(r.redact(text), text.length(), true);
            String tail = out.substring(20, out.length() - 1);
            assertTrue(tail.length() < Redactor.MIN_FRAGMENT, keep + ": " + out);
        }
        assertEquals("x".repeat(20) + "…", r.cut("x".repeat(20) + "0123456789ab" + "y".repeat(50), 32, false));
        assertEquals("short", r.cut("short", 300, false));
        assertEquals("abcdefghij…", r.cut("abcdefghijklmnop", 10, false));
    }

    @Test
    void aCutKeepsEscapedFragmentsOut() throws Exception {
        Redactor r = redactor();
        String escaped = new ObjectMapper().writeValueAsString(KEY);
        for (int keep = Redactor.MIN_FRAGMENT; keep < escaped.length() - 2; keep++) {
            String text = "pad " + escaped.substring(1, 1 + keep);
            String out = r.cut(r.redact(text), text.length(), true);
            assertEquals("pad …", out, "kept " + keep);
        }
    }

    @Test
    void aTextFullOfBackslashesIsRedactedQuickly() {
        Redactor r = new Redactor(List.of(Secret.of("a\\\\\\b"), Secret.of("\\\"\\\"")));
        String text = "\\".repeat(100_000) + "c";
        assertEquals(text, r.redact(text)); // bounded by @Timeout: no runaway backtracking
    }
}
