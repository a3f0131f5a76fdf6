package io.cfsync.cli;

import io.cfsync.event.EventType;
import io.cfsync.event.TimeField;
import io.cfsync.event.Timestamps;
import io.cfsync.pipeline.EventFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which events a run takes and how they are reduced: {@code --type}, {@code --event}, {@code --since},
 * {@code --until}, {@code --time-field}, {@code --user}, {@code --sample}, {@code --limit}, {@code --compact}.
 */
final class FilterMixin {
    @Option(names = "--type", split = ",", paramLabel = "TYPE",
            description = "Only these event types (comma-separated or repeated): identify, track, page, screen, "
                    + "group, alias.")
    List<String> types = new ArrayList<>();

    @Option(names = "--event", paramLabel = "NAME",
            description = "Only track events with this name (repeatable). Other events are skipped.")
    List<String> events = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only events at or after TIME: an ISO date (2024-03-01), an instant, or a time relative "
                    + "to the run's start (now, now-7d, now-72h, now-90m, now-30s). Compared with the --time-field "
                    + "(default timestamp, else originalTimestamp); events without it are kept.")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Only events before TIME (as --since: ISO date, instant or now-72h). --until now-72h holds "
                    + "back the events Customer.io may still start campaigns for.")
    String until;

    @Option(names = "--time-field", paramLabel = "FIELD",
            description = "The instant --since and --until compare: timestamp (default; else originalTimestamp), "
                    + "originalTimestamp, receivedAt or sentAt.")
    String timeField;

    @Option(names = "--user", paramLabel = "FILE",
            description = "Only the users listed in FILE, one id per line, matched against userId or anonymousId.")
    Path usersFile;

    @Option(names = "--sample", paramLabel = "FRACTION",
            description = "Only this share of users (0 < FRACTION <= 1), chosen by a stable hash of the user, so "
                    + "each kept user's whole history is kept and every run picks the same users.")
    String sample;

    @Option(names = "--limit", paramLabel = "N",
            description = "Stop after N events that pass the filters (a preview). With a ledger, the next run "
                    + "continues with the rest.")
    Long limit;

    @Option(names = "--compact",
            description = "Merge consecutive identify calls of one user (no other event of that user between "
                    + "them) into one, traits merged in order.")
    boolean compact;

    /** Relative times are resolved against this clock once, so a long run keeps one fixed window. */
    java.time.Clock clock = java.time.Clock.systemUTC();
    /** The run's "now", read at the first {@link #filter()}: every later call gives the same bounds. */
    private Long now;

    private static final List<String> TYPES = List.of("identify", "track", "page", "screen", "group", "alias");

    EventFilter filter() {
        EnumSet<EventType> set = EnumSet.noneOf(EventType.class);
        for (String t : types) {
            EventType et = EventType.parse(t.trim());
            if (et == null) {
                throw new UsageException("--type '" + t + "' is not one of identify, track, page, screen, group, "
                        + "alias" + Suggestions.didYouMean(t.trim(), TYPES, java.util.Map.of(), true));
            }
            set.add(et);
        }
        if (now == null) {
            now = clock.millis();
        }
        return EventFilter.NONE.withTypes(set).withEventNames(new LinkedHashSet<>(events))
                .withWindow(bound("--since", since, now), bound("--until", until, now), timeField())
                .withUsers(users()).withSample(sample()).withLimit(limit()).withCompact(compact);
    }

    private TimeField timeField() {
        if (timeField == null) {
            return TimeField.TIMESTAMP;
        }
        TimeField f = TimeField.parse(timeField);
        if (f == null) {
            throw new UsageException("--time-field '" + timeField + "' is not one of timestamp, originalTimestamp, "
                    + "receivedAt, sentAt");
        }
        return f;
    }

    private Set<String> users() {
        if (usersFile == null) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(usersFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String id = line.strip();
                if (!id.isEmpty()) {
                    ids.add(id.startsWith("\uFEFF") ? id.substring(1) : id);
                }
            }
        } catch (IOException e) {
            throw new UsageException("--user " + usersFile + ": cannot read it (" + (e instanceof
                    java.nio.file.NoSuchFileException ? "no such file" : String.valueOf(e.getMessage())) + ")");
        }
        if (ids.isEmpty()) {
            throw new UsageException("--user " + usersFile + " lists no user ids (one id per line)");
        }
        return ids;
    }

    private double sample() {
        if (sample == null) {
            return 1.0;
        }
        double f;
        try {
            f = Double.parseDouble(sample.trim());
        } catch (NumberFormatException e) {
            f = Double.NaN;
        }
        if (!(f > 0 && f <= 1)) {
            throw new UsageException("--sample '" + sample + "' must be a fraction above 0 and at most 1, like 0.1");
        }
        return f;
    }

    private long limit() {
        if (limit == null) {
            return 0;
        }
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, not " + limit);
        }
        return limit;
    }

    private static Long bound(String option, String value, long now) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (RelativeTime.looksRelative(v)) {
            return RelativeTime.resolve(option, v, now);
        }
        long t = Timestamps.parseDateOrInstant(v);
        if (t == Timestamps.INVALID) {
            throw new UsageException(option + " '" + value + "' is not an ISO date (2024-03-01), an instant "
                    + "(2024-03-01T12:00:00Z) or a time relative to now (now-72h, now-7d)");
        }
        return t;
    }
}
