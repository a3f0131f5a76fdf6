package io.cfsync.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times relative to the run's start for {@code --since} and {@code --until}: {@code now}, or {@code now-N} with a
 * unit of s, m, h or d ({@code now-72h}, {@code now-7d}). Stateless.
 */
final class RelativeTime {
    private static final Pattern FORM = Pattern.compile("now(?:-(\\d{1,9})([smhd]))?");
    private static final Map<String, Long> UNIT_MILLIS = Map.of("s", 1_000L, "m", 60_000L, "h", 3_600_000L,
            "d", 86_400_000L);
    private static final List<String> EXAMPLES = List.of("now", "now-72h", "now-7d", "now-90m", "now-30s");

    private RelativeTime() {
    }

    /**
     * Whether {@code v} is meant as a relative time, well formed or not: it starts with a letter (no ISO date or
     * instant does), so a typo gets this form's message rather than the ISO one.
     */
    static boolean looksRelative(String v) {
        return !v.isEmpty() && Character.isLetter(v.charAt(0));
    }

    /** {@code v} as epoch millis against {@code now}; a usage error naming the option when it is malformed. */
    static long resolve(String option, String v, long now) {
        Matcher m = FORM.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(option + " '" + v + "' is not a time relative to now: use now, or now-N with "
                    + "a unit of s, m, h or d (now-72h, now-7d)" + hint(v));
        }
        if (m.group(1) == null) {
            return now;
        }
        return now - Long.parseLong(m.group(1)) * UNIT_MILLIS.get(m.group(2));
    }

    /** A likely meant form: a missing unit, a spelled-out unit, a typo of "now". */
    private static String hint(String v) {
        String s = v.toLowerCase(Locale.ROOT).replace(" ", "");
        Matcher bare = Pattern.compile("now-(\\d{1,9})").matcher(s);
        if (bare.matches()) {
            return "; did you mean 'now-" + bare.group(1) + "h'?";
        }
        Matcher word = Pattern.compile("now-(\\d{1,9})(sec|second|min|minute|hr|hour|day)s?").matcher(s);
        if (word.matches()) {
            return "; did you mean 'now-" + word.group(1) + word.group(2).charAt(0) + "'?";
        }
        int dash = s.indexOf('-');
        String head = dash < 0 ? s : s.substring(0, dash);
        if (!head.equals("now") && Suggestions.closest(head, List.of("now"), Map.of(), true).isPresent()) {
            return "; did you mean 'now" + (dash < 0 ? "" : s.substring(dash)) + "'?";
        }
        return Suggestions.didYouMean(s, EXAMPLES, Map.of(), true);
    }
}
