package io.cfsync.report;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * Builds, once per secret, the patterns that find it in text however it was written. Each character other than an
 * ASCII letter or digit may appear as itself or in any escaped form: JSON ({@code \"}, {@code \\}, {@code \/},
 * {@code \n}, {@code &#92;u00e9} or {@code &#92;u00E9}, surrogate pairs, nested JSON with more backslashes), percent-encoded
 * UTF-8 with either hex case, {@code +} for a space, and HTML character references. Letters and digits are never
 * escaped by those encodings, so they are matched literally, and the longest run of them is a cheap pre-check
 * ({@link Form#anchor}) that spares the regex on most text. Base64 forms cover the standard and URL-safe alphabets,
 * with or without padding, at each of the three byte alignments (the secret at the start of what was encoded, or
 * one or two bytes into it). Immutable.
 */
final class SecretForms {
    /** One way a secret can appear: a pattern, and a literal that every match contains (or null). */
    record Form(java.util.regex.Pattern pattern, String anchor, int weight, String starts) {
        boolean mayOccurIn(String text) {
            return anchor == null || text.contains(anchor);
        }

        /** Whether a match could begin with {@code c}: its first character, or the start of an escape. */
        boolean mayStartWith(char c) {
            return starts.indexOf(c) >= 0;
        }
    }

    /** Characters that begin an escape in some encoding (or stand for + and / in URL-safe base64). */
    private static final String ESCAPE_STARTS = "\\%&+-_";

    /** Anchors shorter than this are too common to be worth checking first. */
    private static final int MIN_ANCHOR = 4;
    /** Base64 of the secret one or two bytes into a longer value keeps fewer stable characters; fewer is noise. */
    private static final int MIN_SHIFTED_CORE = 6;

    private SecretForms() {
    }

    /** Every form of {@code secret}: the text itself, and base64 of its UTF-8 bytes. */
    static List<Form> of(String secret) {
        List<Form> forms = new ArrayList<>();
        forms.add(form(text(secret), anchor(secret), secret.length(), secret.charAt(0)));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            Form f = base64(bytes, shift);
            if (f != null) {
                forms.add(f);
            }
        }
        return forms;
    }

    /**
     * The text a base64 secret stands for, when it is a {@code user:password} credential as Basic auth builds it;
     * else null. Lets the redactor cover the URL-safe and unpadded spellings of a Basic token too.
     */
    static String basicCredential(String secret) {
        if (secret.length() < 8 || secret.length() % 4 != 0 || !secret.matches("[A-Za-z0-9+/]+={0,2}")) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(secret);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            return text.indexOf(':') > 0 ? text : null;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static Form form(String regex, String anchor, int weight, char first) {
        return new Form(java.util.regex.Pattern.compile(regex), anchor, weight, first + ESCAPE_STARTS);
    }

    private static String text(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(character(cp)));
        return b.toString();
    }

    /**
     * Base64 of {@code bytes} placed {@code shift} bytes into the encoded value: the characters that depend on the
     * secret alone, then (optionally) the last character and padding as they are when the secret ends the value.
     */
    private static Form base64(byte[] bytes, int shift) {
        byte[] shifted = new byte[shift + bytes.length];
        System.arraycopy(bytes, 0, shifted, shift, bytes.length);
        String full = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int skip = shift == 0 ? 0 : shift + 1;
        int rem = shifted.length % 3;
        int coreEnd = rem == 0 ? full.length() : full.length() - 1;
        if (coreEnd - skip < (shift == 0 ? 2 : MIN_SHIFTED_CORE)) {
            return null;
        }
        String core = full.substring(skip, coreEnd);
        StringBuilder regex = new StringBuilder();
        core.chars().forEach(c -> regex.append(base64Char(c)));
        if (rem != 0) {
            String pad = character('=');
            regex.append("(?:").append(base64Char(full.charAt(full.length() - 1)))
                    .append("(?:").append(pad).append("){0,2})?");
        }
        return form(regex.toString(), anchor(core), core.length(), core.charAt(0));
    }

    private static String base64Char(int c) {
        // The URL-safe alphabet writes - and _ where the standard one writes + and /.
        return c == '+' ? "(?:" + character(c) + "|-)" : c == '/' ? "(?:" + character(c) + "|_)" : character(c);
    }

    /** Every way one character can be written; letters and digits only as themselves. */
    static String character(int cp) {
        if (asciiAlnum(cp)) {
            return String.valueOf((char) cp);
        }
        String lit = "\\x{" + Integer.toHexString(cp) + "}";
        StringJoiner alt = new StringJoiner("|", "(?:", ")");
        // Itself, or behind up to seven backslashes (JSON \" \\ \/, and JSON inside JSON). Bounded, so a text full
        // of backslashes cannot make the match backtrack without end.
        alt.add(cp == '\\' ? "\\\\{1,8}" : "\\\\{0,7}" + lit);
        if (cp == ' ') {
            alt.add("\\+");
        }
        if (cp < 0x10000) {
            alt.add("\\\\{1,4}u" + hex(cp, 4));
        } else {
            char[] pair = Character.toChars(cp);
            alt.add("\\\\{1,4}u" + hex(pair[0], 4) + "\\\\{1,4}u" + hex(pair[1], 4));
        }
        String shortEscape = switch (cp) {
            case '\b' -> "b";
            case '\f' -> "f";
            case '\n' -> "n";
            case '\r' -> "r";
            case '\t' -> "t";
            default -> null;
        };
        if (shortEscape != null) {
            alt.add("\\\\{1,4}" + shortEscape);
        }
        StringBuilder pct = new StringBuilder();
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            pct.append('%').append(hex(b & 0xff, 2));
        }
        alt.add(pct.toString());
        alt.add("&#0*" + cp + ";");
        alt.add("&#[xX]0*" + hex(cp, 1) + ";");
        String named = switch (cp) {
            case '"' -> "&quot;";
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '\'' -> "&apos;";
            default -> null;
        };
        if (named != null) {
            alt.add(named);
        }
        return alt.toString();
    }

    /** {@code v} in hex, at least {@code width} digits, letters in either case. */
    private static String hex(int v, int width) {
        String h = String.format("%0" + width + "x", v);
        StringBuilder b = new StringBuilder();
        for (char c : h.toCharArray()) {
            b.append(Character.isLetter(c) ? "[" + c + Character.toUpperCase(c) + "]" : String.valueOf(c));
        }
        return b.toString();
    }

    private static boolean asciiAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The longest run of ASCII letters and digits, which every form contains as it is; null when too short. */
    private static String anchor(String s) {
        int best = 0;
        int bestAt = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = asciiAlnum(s.charAt(i)) ? run + 1 : 0;
            if (run > best) {
                best = run;
                bestAt = i - run + 1;
            }
        }
        return best >= MIN_ANCHOR ? s.substring(bestAt, bestAt + best) : null;
    }
}
