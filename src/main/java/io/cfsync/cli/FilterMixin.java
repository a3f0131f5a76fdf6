package io.cfsync.cli;

import io.cfsync.event.EventType;
import io.cfsync.event.Timestamps;
import io.cfsync.pipeline.EventFilter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --type}, {@code --event}, {@code --since}, {@code --until}. */
public final class FilterMixin {
    @Option(names = "--type", split = ",", paramLabel = "TYPE",
            description = "Only these event types (comma-separated or repeated): identify, track, page, screen, "
                    + "group, alias.")
    List<String> types = new ArrayList<>();

    @Option(names = "--event", paramLabel = "NAME",
            description = "Only track events with this name (repeatable). Other events are skipped.")
    List<String> events = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only events at or after TIME (ISO date, e.g. 2024-03-01, or instant). Compared with "
                    + "timestamp, else originalTimestamp; events with neither are kept.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events before TIME (ISO date or instant).")
    String until;

    EventFilter filter() {
        EnumSet<EventType> set = EnumSet.noneOf(EventType.class);
        for (String t : types) {
            EventType et = EventType.parse(t.trim());
            if (et == null) {
                throw new UsageException("--type '" + t + "' is not one of identify, track, page, screen, group, "
                        + "alias");
            }
            set.add(et);
        }
        return new EventFilter(set, new LinkedHashSet<>(events), bound("--since", since), bound("--until", until));
    }

    private static Long bound(String option, String value) {
        if (value == null) {
            return null;
        }
        long t = Timestamps.parseDateOrInstant(value.trim());
        if (t == Timestamps.INVALID) {
            throw new UsageException(option + " '" + value + "' is not an ISO date (2024-03-01) or instant "
                    + "(2024-03-01T12:00:00Z)");
        }
        return t;
    }
}
