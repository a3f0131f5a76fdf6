package io.cfsync.cli;

import io.cfsync.report.Console;
import io.cfsync.report.Durations;
import io.cfsync.send.TuningChecks;
import io.cfsync.send.SinkTuning;
import io.cfsync.report.Terminal;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How a real send paces itself, retries and reports progress. Ignored with {@code --dry-run}. */
final class SendOptionsMixin {
    /** A duration as {@link Durations#parse} reads it: {@code 500ms}, {@code 30s}, {@code 1h30m}, {@code 2d}, … */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--rate", paramLabel = "N|unlimited",
            description = "Requests per second to the destination, never exceeded in any one-second window "
                    + "(default: the destination's own, see 'cf-sync destinations'). Decimals allowed (0.5 = one "
                    + "request every 2 s); 'unlimited' for no limit.")
    String rate;

    @Option(names = "--adaptive-rate", negatable = true, defaultValue = "true", fallbackValue = "true",
            arity = "0..1", paramLabel = "true|false",
            description = "Below --rate, slow down when more than a tenth of a second's answers are 429s and speed up "
                    + "again after cleaner seconds. A 429 makes only its own request wait (Retry-After), and that "
                    + "user's later events; sending pauses as a whole only when most recent answers are 429s. On by "
                    + "default; --no-adaptive-rate keeps the rate fixed and pauses all sending after every 429.")
    boolean adaptiveRate;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Requests in flight at most (default: ${DEFAULT-VALUE}). Events of one user are always "
                    + "sent one at a time, in input order.")
    int concurrency;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "4",
            description = "Retries of a request after 408, 429, 5xx, timeouts and connection failures, with "
                    + "exponential backoff and jitter (default: ${DEFAULT-VALUE}, i.e. 5 attempts). Then the event "
                    + "is dead-lettered as retries-exhausted, unless the vendor answered no one meanwhile, not even "
                    + "the request 'cf-sync check' sends, asked then (at most every 5s): an outage is not the "
                    + "event's fault, so it keeps waiting (see --give-up-after). A batch answer that "
                    + "does not name each rejected event is retried too, then dead-lettered as unreadable-response. "
                    + "A wait the vendor names (Retry-After) is honoured up to 5m, then the request is tried again "
                    + "(--verbose says when a longer one was cut).")
    int maxRetries;

    @Option(names = "--max-event-time", paramLabel = "DURATION", defaultValue = "15m",
            converter = DurationConverter.class,
            description = "Longest one event may take, retries and waits included, before it is dead-lettered as "
                    + "max-event-time (default: ${DEFAULT-VALUE}).")
    Duration maxEventTime;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Time to open a connection (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest one request may take, from connecting to the last byte of the answer, "
                    + "however slowly the vendor trickles it (default: ${DEFAULT-VALUE}); a timeout is retried.")
    Duration timeout;

    @Option(names = "--give-up-after", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "When most requests keep failing (5xx, timeouts), sending pauses and probes; if the "
                    + "vendor is still failing after this long, the run is aborted, its unsettled events pending "
                    + "(default: ${DEFAULT-VALUE}). When no request has ever reached the vendor and the first 3 "
                    + "attempts all fail to connect, the run stops at once instead.")
    Duration giveUpAfter;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "Progress on stderr: bar (a line as wide as the terminal, redrawn in place: percent of the "
                    + "events settled (delivered, skipped or dead-lettered) of their total, estimated from the "
                    + "bytes read until all are read, elapsed time, ETA, events settled per second lately beside "
                    + "the --rate ceiling, delivered and dead-lettered events, the current file; cleared at the "
                    + "end), log (the same figures on a line with an ISO-8601 timestamp every --progress-interval) "
                    + "or none (default: bar when stderr is a terminal, else log).")
    Console.ProgressMode progress;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Time between two progress log lines, and between two writes of --metrics-file or "
                    + "pushes to --pushgateway (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    /**
     * The options as the send service takes them, with {@code --rate} resolved against the destination's default.
     *
     * @param destinationRate the destination's default rate, used when {@code --rate} is not given
     */
    SinkTuning options(double destinationRate, String version) {
        try {
            TuningChecks.concurrency("--concurrency", concurrency);
            TuningChecks.maxRetries("--max-retries", maxRetries);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (maxEventTime.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new UsageException("--max-event-time must be at least 2s");
        }
        return SinkTuning.defaults(SinkTuning.rate(rate(), destinationRate), "cf-sync/" + version)
                .withConcurrency(concurrency).withMaxRetries(maxRetries)
                .withTimeouts(new SinkTuning.Timeouts(connectTimeout, timeout, maxEventTime))
                .withGiveUpAfter(giveUpAfter).withAdaptiveRate(adaptiveRate);
    }

    /** How progress is shown: as asked, else a bar on a terminal and a log line otherwise. */
    Console.ProgressMode progress(Terminal terminal) {
        return progress != null ? progress : terminal.defaultMode();
    }

    /** How progress looks on {@code terminal}. */
    Console.Style progressStyle(Terminal terminal) {
        if (progressInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new UsageException("--progress-interval must be at least 1s");
        }
        return new Console.Style(progressInterval, terminal.width());
    }

    private Double rate() {
        if (rate == null) {
            return null;
        }
        try {
            return TuningChecks.rate("--rate", rate);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
