package io.cfsync.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --prune-slack}: how far archive pruning by path widens the {@code --since}/{@code --until} window. */
final class PruneMixin {
    /** {@code --prune-slack}: a duration as everywhere ({@code 12h}, {@code 2d}), or {@code off}; off is null. */
    static final class SlackConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("off")) {
                return null;
            }
            try {
                return new SendOptionsMixin.DurationConverter().convert(value);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 12h, 1d or 2d, or off");
            }
        }
    }

    @Option(names = "--prune-slack", paramLabel = "DURATION", defaultValue = "1d", converter = SlackConverter.class,
            description = "With --since/--until, archive files whose path proves they were received outside the "
                    + "window widened by this much (Segment's segment-logs/<source>/<day>/, RudderStack's "
                    + "gw/<date>/<hour>/ and its file names) are left out without being opened (default: "
                    + "${DEFAULT-VALUE}, as timestamp and receive time differ). 'off' reads every file.")
    Duration pruneSlack = Duration.ofDays(1);
}
