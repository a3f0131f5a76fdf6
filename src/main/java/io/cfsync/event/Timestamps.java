package io.cfsync.event;

/**
 * Strict ISO-8601 parsing without exceptions on the hot path. Calendar dates are checked for real
 * (no 30 February, no hour 25), and nothing is ever read from the clock.
 *
 * <p>Accepted: {@code YYYY-MM-DD}, then {@code THH:mm}, optional {@code :ss}, optional {@code .fraction}
 * (any number of digits; nanoseconds beyond millis are truncated), then {@code Z}, {@code ±hh:mm} or {@code ±hhmm}.
 */
public final class Timestamps {
    /** Returned for anything that does not parse. */
    public static final long INVALID = Long.MIN_VALUE;

    private Timestamps() {
    }

    /** An instant: date, time and offset all required. Epoch millis, or {@link #INVALID}. */
    public static long parseInstant(String s) {
        return parse(s, true);
    }

    /**
     * A date or date-time for value conversion: date-only means midnight UTC, a missing offset means UTC.
     * Epoch millis, or {@link #INVALID}.
     */
    public static long parseDateLike(String s) {
        return parse(s, false);
    }

    /** An ISO date ({@code YYYY-MM-DD}, midnight UTC) or an instant; for command-line bounds. */
    public static long parseDateOrInstant(String s) {
        if (s != null && s.length() == 10) {
            return parse(s, false);
        }
        return parse(s, true);
    }

    private static long parse(String s, boolean instant) {
        if (s == null) {
            return INVALID;
        }
        int len = s.length();
        if (len < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return INVALID;
        }
        long epochDay = epochDay(year, month, day);
        if (len == 10) {
            return instant ? INVALID : epochDay * 86_400_000L;
        }
        char t = s.charAt(10);
        if ((t != 'T' && t != 't') || len < 16 || s.charAt(13) != ':') {
            return INVALID;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return INVALID;
        }
        int pos = 16;
        int second = 0;
        long millis = 0;
        if (pos < len && s.charAt(pos) == ':') {
            second = len >= pos + 3 ? digits(s, pos + 1, 2) : -1;
            if (second < 0 || second > 59) {
                return INVALID;
            }
            pos += 3;
            if (pos < len && s.charAt(pos) == '.') {
                pos++;
                int start = pos;
                long frac = 0;
                int used = 0;
                while (pos < len && isDigit(s.charAt(pos))) {
                    if (used < 3) {
                        frac = frac * 10 + (s.charAt(pos) - '0');
                        used++;
                    }
                    pos++;
                }
                if (pos == start) {
                    return INVALID;
                }
                while (used < 3) {
                    frac *= 10;
                    used++;
                }
                millis = frac;
            }
        }
        long offsetMillis;
        if (pos == len) {
            if (instant) {
                return INVALID;
            }
            offsetMillis = 0;
        } else {
            char c = s.charAt(pos);
            if (c == 'Z' || c == 'z') {
                if (pos + 1 != len) {
                    return INVALID;
                }
                offsetMillis = 0;
            } else if (c == '+' || c == '-') {
                int oh;
                int om;
                if (len == pos + 6 && s.charAt(pos + 3) == ':') {
                    oh = digits(s, pos + 1, 2);
                    om = digits(s, pos + 4, 2);
                } else if (len == pos + 5) {
                    oh = digits(s, pos + 1, 2);
                    om = digits(s, pos + 3, 2);
                } else {
                    return INVALID;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return INVALID;
                }
                offsetMillis = (oh * 60L + om) * 60_000L * (c == '-' ? -1 : 1);
            } else {
                return INVALID;
            }
        }
        return epochDay * 86_400_000L + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis - offsetMillis;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 for a proleptic Gregorian date. */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
