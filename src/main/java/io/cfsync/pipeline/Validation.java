package io.cfsync.pipeline;

import io.cfsync.input.EventReader;
import io.cfsync.input.InputSource;
import io.cfsync.input.Item;
import io.cfsync.report.RunStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** Decoding and validation only: prints {@code file:line: code: detail} for each invalid event. */
public final class Validation {
    private Validation() {
    }

    public static void run(List<InputSource> inputs, InputStream stdin, PrintStream out, RunStats stats)
            throws IOException {
        EventReader reader = new EventReader();
        for (InputSource src : inputs) {
            long lines = reader.read(src, stdin, 0, item -> {
                if (item instanceof Item.Blank) {
                    stats.skipped.add("blank-line");
                } else if (item instanceof Item.Bad bad) {
                    stats.deadLettered.add(bad.problem().code());
                    out.println(bad.ref().file() + ":" + bad.ref().line() + ": " + bad.problem().code() + ": "
                            + bad.problem().detail());
                } else {
                    stats.eventsByType.add(((Item.Good) item).event().type().wire());
                    stats.delivered.increment();
                }
                return true;
            });
            stats.lines.add(lines);
        }
    }
}
