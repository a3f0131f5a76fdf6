package io.cfsync.pipeline;

import io.cfsync.event.Problem;
import io.cfsync.input.EventReader;
import io.cfsync.input.InputDataException;
import io.cfsync.input.InputSource;
import io.cfsync.input.Item;
import io.cfsync.input.SourceRef;
import io.cfsync.report.RunStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Decoding and validation only: prints {@code file:line: code: detail} for each invalid event ({@code file:line[i]}
 * for the element at index i of a batch line), {@code file: why} for an input that cannot be read as events at all
 * (binary, damaged gzip), and {@code file: left out: why} for a file a folder holds that is not read; then goes on.
 */
public final class Validation {
    /** Told about each problem, in input order. */
    public interface Report {
        /** An invalid event: its file and line, the problem's code and detail. */
        void invalid(SourceRef ref, Problem problem);

        /** An input that cannot be read as events ({@code kind}: binary, gzip-truncated, …), said in words. */
        void unreadable(String input, String kind, String message);

        /** An input left out unopened or unread ({@code why}: not-event-data, outside-window, …). */
        default void leftOut(String input, String why) {
        }
    }

    private Validation() {
    }

    public static void run(List<InputSource> inputs, InputStream stdin, PrintStream out, RunStats stats)
            throws IOException {
        run(inputs, stdin, out, stats, EventReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** As {@link #run(List, InputStream, PrintStream, RunStats)}; lines over {@code maxLineBytes} are invalid. */
    public static void run(List<InputSource> inputs, InputStream stdin, PrintStream out, RunStats stats,
                           int maxLineBytes) throws IOException {
        run(inputs, stdin, new Report() {
            @Override
            public void invalid(SourceRef ref, Problem p) {
                out.println(ref.describe() + ": " + p.code() + ": " + p.detail());
            }

            @Override
            public void unreadable(String input, String kind, String message) {
                out.println(message);
            }

            @Override
            public void leftOut(String input, String why) {
                out.println(input + ": left out: " + why);
            }
        }, stats, maxLineBytes);
    }

    /** The same, telling {@code report} about each problem instead of printing it. */
    public static void run(List<InputSource> inputs, InputStream stdin, Report report, RunStats stats)
            throws IOException {
        run(inputs, stdin, report, stats, EventReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** As {@link #run(List, InputStream, Report, RunStats)}; lines over {@code maxLineBytes} are invalid. */
    public static void run(List<InputSource> inputs, InputStream stdin, Report report, RunStats stats,
                           int maxLineBytes) throws IOException {
        EventReader reader = new EventReader(io.cfsync.input.ReadMeter.NONE, maxLineBytes);
        for (InputSource src : inputs) {
            if (!src.isRead()) {
                stats.inputsLeftOut.add(src.leftOut());
                report.leftOut(src.name(), src.leftOut());
                continue;
            }
            long[] last = {0};
            try {
                last[0] = reader.read(src, stdin, 0, item -> {
                    last[0] = item.ref().line();
                    check(item, report, stats);
                    return true;
                });
            } catch (InputDataException e) {
                stats.inputErrors.add(e.kind());
                report.unreadable(src.name(), e.kind(), e.getMessage());
            }
            stats.lines.add(last[0]);
        }
    }

    private static void check(Item item, Report report, RunStats stats) {
        if (item instanceof Item.Blank) {
            stats.skipped.add("blank-line");
        } else if (item instanceof Item.Bad bad) {
            stats.deadLettered.add(bad.problem().code());
            report.invalid(bad.ref(), bad.problem());
        } else {
            stats.eventsByType.add(((Item.Good) item).event().type().wire());
            stats.delivered.increment();
        }
    }
}
