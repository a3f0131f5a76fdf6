package io.cfsync.cli;

import io.cfsync.input.EventReader;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --max-line-bytes}: a size in bytes, plain or with a binary unit ({@code 512KiB}, {@code 4MiB}; {@code K},
 * {@code KB}, {@code M}, {@code MB} and {@code G} count in 1024s too). At least 1 KiB, so that a line's first bytes
 * can be shown, and at most 1 GiB, so that one line always fits a Java array. Stateless.
 */
final class LineLimit {
    static final String OPTION = "--max-line-bytes";
    static final long MIN = 1 << 10;
    static final long MAX = 1 << 30;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kmg]?)(i?b)?");

    /** For picocli. */
    static final class Converter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private LineLimit() {
    }

    /** @throws IllegalArgumentException naming the value and what is expected */
    static int parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(3) != null && m.group(3).equals("ib") && m.group(2).isEmpty())) {
            throw new IllegalArgumentException("'" + value + "' is not a size such as 1048576, 512KiB or 4MiB");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long bytes = Long.parseLong(m.group(1)) << shift;
        if (Long.parseLong(m.group(1)) > (MAX >> shift) || bytes < MIN) {
            throw new IllegalArgumentException("'" + value + "' is outside 1KiB to 1GiB");
        }
        return (int) bytes;
    }

    /** The default, as shown in help. */
    static String defaultShown() {
        return (EventReader.DEFAULT_MAX_LINE_BYTES >> 20) + "MiB";
    }
}
