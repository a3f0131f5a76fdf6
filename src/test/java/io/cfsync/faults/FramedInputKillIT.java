package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.input.lengthprefixed.LengthPrefixed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input in a format that is not lines (length-prefixed records, known only to tests), read by a real cf-sync
 * process killed with -9 part-way: the next run resumes after a record the killed one finished, nothing is lost,
 * only events whose answer the kill lost arrive twice, and a third run finds the input finished.
 */
@DisabledOnOs(OS.WINDOWS)
class FramedInputKillIT {
    private static final List<String> HEAP = List.of("-Xmx256m");

    @TempDir
    Path work;

    /** The highest resume point the ledger holds (0 while there is none or it cannot be read yet). */
    private static long savedRecords(Path ledger) {
        if (!Files.exists(ledger)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT max(watermark) FROM sources")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            return 0; // not created yet, or busy: asked again
        }
    }

    @Test
    @Timeout(150)
    void killedMidInputThenRunAgainResumesByRecordAndLosesNothing() throws Exception {
        try (InputRuns runs = new InputRuns(work, 601, 1500, 60)) {
            List<byte[]> records = new ArrayList<>();
            runs.corpus.lines().forEach(l -> records.add(l.text().getBytes(StandardCharsets.UTF_8)));
            Path input = work.resolve("events.lpf");
            Files.write(input, LengthPrefixed.encode(records));
            List<String> command = new ArrayList<>(runs.command(HEAP, input.toString()));
            command.set(command.indexOf("io.cfsync.Main"), FramedMain.class.getName());

            // Killed once a resume point was saved, so that the next run has one to prove.
            InputRuns.Run killed = runs.killedAfter(command, 150, () -> savedRecords(work.resolve("ledger.db")) > 0);
            assertEquals(137, killed.exit(), "killed by SIGKILL part-way: " + killed.tail());
            InputRuns.Run again = runs.run(command, null, null, null);
            assertEquals(1, again.exit(), "the corpus's rejected and invalid lines make exit 1: " + again.tail());
            assertTrue(again.stderr().matches("(?s).*resuming " + input + " after record [1-9][0-9]*\n.*"),
                    again.tail());
            assertTrue(again.summary().startsWith("cf-sync send --dest customerio: "), again.summary());
            runs.assertNothingLostAfterKill(1);

            InputRuns.Run third = runs.run(command, null, null, null);
            assertEquals(0, third.exit(), third.tail());
            assertEquals(0, third.arrivals(), "the same command again sends nothing");
            assertTrue(third.stderr().contains("inputs finished earlier: 1"), third.tail());
        }
    }
}
