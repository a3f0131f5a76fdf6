package io.cfsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A failed ledger write says what happened, in words, and a failed commit's rollback does not hide the cause. */
@Timeout(60)
class LedgerErrorsTest {
    @TempDir
    Path tmp;

    private static void assertPlain(String m) {
        assertFalse(m.contains("Exception") || m.contains("SQLITE") || m.contains("rollback"), m);
    }

    @Test
    void aFullDiskUnderDeliveriesSaysDiskFull() throws Exception {
        Path f = tmp.resolve("l.db");
        try (Ledger l = Ledger.open(f)) {
            l.delivered("customerio", "first");
            l.maxPageCount(1); // as if the disk filled up now
            CompletionException e = assertThrows(CompletionException.class,
                    () -> l.delivered("customerio", "x".repeat(5000)));
            assertEquals("disk full: cannot write the ledger " + f, e.getMessage(), "as it reaches the senders");
            LedgerException cause = (LedgerException) e.getCause();
            assertEquals("disk full: cannot write the ledger " + f, cause.getMessage());
            assertPlain(cause.getMessage());
        }
    }

    @Test
    void aFullDiskUnderWatermarksAndRunsSaysDiskFull() throws Exception {
        Path f = tmp.resolve("l.db");
        try (Ledger l = Ledger.open(f)) {
            l.maxPageCount(1);
            LedgerException e = assertThrows(LedgerException.class, () -> l.saveSource("customerio",
                    new SourceState("/in/" + "a".repeat(6000), 1, 10, "ab".repeat(32), false)));
            assertEquals("disk full: cannot write the ledger " + f, e.getMessage());
            e = assertThrows(LedgerException.class, () -> l.runStarted("r".repeat(6000), "customerio", "x"));
            assertEquals("disk full: cannot write the ledger " + f, e.getMessage());
        }
    }

    @Test
    void readOnlyAndOtherFailuresAreWords() {
        Path f = Path.of("/var/lib/cf-sync/customerio.db");
        assertEquals("cannot write the ledger " + f + ": read-only", LedgerErrors.describe(f, "write",
                new SQLiteException("[SQLITE_READONLY] Attempt to write a readonly database (attempt to write a "
                        + "readonly database)", SQLiteErrorCode.SQLITE_READONLY_DBMOVED)));
        String damaged = LedgerErrors.describe(f, "read", new SQLiteException("[SQLITE_CORRUPT] The database disk "
                + "image is malformed (database disk image is malformed)", SQLiteErrorCode.SQLITE_CORRUPT));
        assertTrue(damaged.startsWith("the ledger " + f + " is damaged"), damaged);
        String other = LedgerErrors.describe(f, "write", new SQLiteException("[SQLITE_CONSTRAINT_NOTNULL] A NOT "
                + "NULL constraint failed (NOT NULL constraint failed: runs.dest)",
                SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL));
        assertEquals("cannot write the ledger " + f + ": NOT NULL constraint failed: runs.dest", other);
        for (String m : new String[] {damaged, other}) {
            assertPlain(m);
        }
    }
}
