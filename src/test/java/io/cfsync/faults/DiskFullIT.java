package io.cfsync.faults;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk for real (a small tmpfs, filled by a file): under the ledger, which fills up mid-run, and under the
 * dead-letter file, which cannot take its first entry. The run must abort with exit 3 without booking anything it
 * could not record; once space is freed, the same command finishes the work with nothing lost. Skipped, with the
 * reason, where mounting a tmpfs is not permitted.
 */
@DisabledOnOs(OS.WINDOWS)
class DiskFullIT {
    @TempDir
    Path work;

    private void holds(Scenario sc) throws Exception {
        Invariants.assertHold(sc, work);
    }

    @Test
    @Timeout(90)
    void ledgerDiskFullThenFreed() throws Exception {
        holds(Scenario.of(Scenario.Stop.LEDGER_DISK_FULL, false, 4, 301));
    }

    @Test
    @Timeout(90)
    void deadLetterDiskFullThenFreed() throws Exception {
        holds(Scenario.of(Scenario.Stop.DEAD_LETTER_DISK_FULL, false, 4, 302));
    }
}
