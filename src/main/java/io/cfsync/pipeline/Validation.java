package io.cfsync.pipeline;

import io.cfsync.input.EventReader;
import io.cfsync.input.InputDataException;
import io.cfsync.input.InputSource;
import io.cfsync.input.Item;
import io.cfsync.report.RunStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Decoding and validation only: prints {@code file:line: code: detail} for each invalid event ({@code file:line[i]}
 * for the element at index i of a batch line), and
 * {@code file: why} for an input that cannot be read as events at all (binary, damaged gzip); then goes on.
 */
public final class Validation {
    private Validation() {
    }

    public static void run(List<InputSource> inputs, InputStream stdin, PrintStream out, RunStats stats)
            throws IOException {
        EventReader reader = new EventReader();
        for (InputSource src : inputs) {
            long[] last = {0};
            try {
                last[0] = reader.read(src, stdin, 0, item -> {
                    last[0] = item.ref().line();
                    check(item, out, stats);
                    return true;
                });
            } catch (InputDataException e) {
                stats.inputErrors.add(e.kind());
                out.println(e.getMessage());
            }
            stats.lines.add(last[0]);
        }
    }

    private static void check(Item item, PrintStream out, RunStats stats) {
        if (item instanceof Item.Blank) {
            stats.skipped.add("blank-line");
        } else if (item instanceof Item.Bad bad) {
            stats.deadLettered.add(bad.problem().code());
            out.println(bad.ref().describe() + ": " + bad.problem().code() + ": "
                    + bad.problem().detail());
        } else {
            stats.eventsByType.add(((Item.Good) item).event().type().wire());
            stats.delivered.increment();
        }
    }
}
