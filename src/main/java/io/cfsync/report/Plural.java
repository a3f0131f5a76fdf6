package io.cfsync.report;

import java.util.Locale;

/**
 * Counts in words for people: {@code 1 event}, {@code 2 events}, {@code 1,024 lines}, {@code 1 entry} /
 * {@code 3 entries}. Numbers are grouped by thousands as in the summary. Stateless and thread-safe.
 */
public final class Plural {
    private Plural() {
    }

    /**
     * A count as every summary line and end note writes it: grouped by thousands with commas whatever the
     * machine's locale, {@code 1,023}, so that two numbers on one screen never differ in form.
     */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code n} and the noun, adding {@code s} unless {@code n} is one: {@code count(1, "event")} is "1 event". */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** {@code n} and the noun, for irregular plurals: {@code count(2, "entry", "entries")} is "2 entries". */
    public static String count(long n, String singular, String plural) {
        return number(n) + " " + noun(n, singular, plural);
    }

    /** The noun alone, for when the number is printed elsewhere. */
    public static String noun(long n, String singular) {
        return noun(n, singular, singular + "s");
    }

    /** The noun alone, irregular plural. */
    public static String noun(long n, String singular, String plural) {
        return n == 1 || n == -1 ? singular : plural;
    }
}
