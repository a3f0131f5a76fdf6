package io.cfsync.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Only a missing path becomes a new ledger; anything else that is not a whole cf-sync ledger is refused, untouched. */
@Timeout(60)
class LedgerFileTest {
    @TempDir
    Path tmp;

    private void assertRefused(Path f, String why) throws Exception {
        byte[] before = Files.readAllBytes(f);
        LedgerRefusedException e = assertThrows(LedgerRefusedException.class, () -> Ledger.open(f).close());
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()), m);
        assertTrue(m.contains(why), m);
        assertTrue(m.contains("move it away") || m.contains("newer cf-sync"), "says what to do: " + m);
        assertFalse(m.contains("Exception") || m.contains("SQLITE_"), m);
        assertArrayEquals(before, Files.readAllBytes(f), "the file is left as it was");
    }

    @Test
    void aMissingPathBecomesANewLedgerMarkedAsOurs() throws Exception {
        Path f = tmp.resolve("deep/folder/l.db");
        Ledger.open(f).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA application_id")) {
            rs.next();
            assertEquals(LedgerFile.APPLICATION_ID, rs.getInt(1));
        }
        try (java.util.stream.Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".new-")).count(),
                    "no temporary file is left behind");
        }
        Ledger.open(f).close(); // and it opens again
    }

    @Test
    void anEmptyFileIsRefusedNotRecreated() throws Exception {
        Path f = Files.createFile(tmp.resolve("l.db"));
        assertRefused(f, "is empty");
    }

    @Test
    void aFolderIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("l.db"));
        LedgerRefusedException e = assertThrows(LedgerRefusedException.class, () -> Ledger.open(dir).close());
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void aFileThatIsNotSqliteIsRefused() throws Exception {
        Path f = tmp.resolve("l.db");
        Files.writeString(f, "{\"type\":\"track\"}\n".repeat(20));
        assertRefused(f, "is not an SQLite database");
    }

    @Test
    void aTruncatedLedgerIsRefused() throws Exception {
        Path good = tmp.resolve("good.db");
        try (Ledger l = Ledger.open(good)) {
            for (int i = 0; i < 3000; i++) {
                l.deliveredAsync("customerio", "key-" + i);
            }
            l.delivered("customerio", "last");
        }
        byte[] all = Files.readAllBytes(good);
        assertTrue(all.length > 16384, "the ledger spans several pages: " + all.length);
        Path cut = tmp.resolve("cut.db");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertRefused(cut, "is truncated");
        Path stub = tmp.resolve("stub.db");
        Files.write(stub, Arrays.copyOf(all, 50));
        assertRefused(stub, "is truncated");
    }

    @Test
    void aDamagedLedgerIsRefused() throws Exception {
        Path f = tmp.resolve("l.db");
        Ledger.open(f).close();
        byte[] b = Files.readAllBytes(f);
        Arrays.fill(b, 100, b.length, (byte) 0x5a); // the schema page after the header is garbage
        Files.write(f, b);
        assertRefused(f, "is damaged");
    }

    @Test
    void anotherProgramsDatabaseIsRefused() throws Exception {
        Path withId = tmp.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + withId); Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = 1234");
            s.execute("CREATE TABLE t(x)");
        }
        assertRefused(withId, "another program");
        Path plain = tmp.resolve("plain.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + plain); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)");
            s.execute("CREATE TABLE users(id)");
        }
        assertRefused(plain, "not a cf-sync ledger");
    }

    @Test
    void aLedgerOfVersion010IsMigratedInPlaceKeepingItsDeliveries() throws Exception {
        Path f = tmp.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE sources(dest TEXT NOT NULL, path TEXT NOT NULL, fingerprint TEXT NOT NULL, "
                    + "watermark INTEGER NOT NULL, complete_size INTEGER NOT NULL, updated_at TEXT NOT NULL, "
                    + "PRIMARY KEY(dest, path))");
            s.execute("CREATE TABLE delivered(dest TEXT NOT NULL, key TEXT NOT NULL, state INTEGER NOT NULL, "
                    + "PRIMARY KEY(dest, key)) WITHOUT ROWID");
            s.execute("CREATE TABLE runs(id TEXT PRIMARY KEY, dest TEXT NOT NULL, pid INTEGER, started_at TEXT NOT "
                    + "NULL, ended_at TEXT, outcome TEXT, command TEXT, summary TEXT)");
            s.execute("CREATE TABLE lock(id INTEGER PRIMARY KEY CHECK (id = 1), run_id TEXT NOT NULL, pid INTEGER "
                    + "NOT NULL, host TEXT NOT NULL, process_start TEXT, started_at TEXT NOT NULL)");
            s.execute("INSERT INTO meta VALUES ('schema_version', '1')");
            s.execute("INSERT INTO sources VALUES ('customerio', '/in/a.ndjson', '4096:abc', 40, 2000, "
                    + "'2024-01-01T00:00:00Z')");
            s.execute("INSERT INTO delivered VALUES ('customerio', 'm-1', 1)");
        }
        try (Ledger l = Ledger.open(f)) {
            assertFalse(l.claim("customerio", "m-1"), "a delivery recorded by 0.1.0 is still skipped");
            SourceState s = l.source("customerio", "/in/a.ndjson");
            assertEquals(40, s.watermark());
            assertNull(s.prefixSha256(), "no prefix hash: the input is read from the start once");
            assertTrue(s.complete());
            l.saveSource("customerio", new SourceState("/in/a.ndjson", 40, 900, "ab".repeat(32), true));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            rs.next();
            assertEquals("2", rs.getString(1));
        }
        Ledger.open(f).close();
    }

    @Test
    void theCommandLineRefusesAnEmptyLedgerWithExitCode2() throws Exception {
        Path f = Files.createFile(tmp.resolve("l.db"));
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, "{\"type\":\"identify\",\"userId\":\"u1\"}\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k", "--base-url", "http://127.0.0.1:9", "--state", f.toString(), "--dead-letter",
                tmp.resolve("dead.ndjson").toString(), in.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("the ledger " + f + " is empty"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(0, Files.size(f), "still empty: nothing was recreated");
        Cli.Result status = Cli.run("status", "--state", f.toString());
        assertEquals(ExitCodes.USAGE, status.exit(), status.err());
        assertTrue(status.err().contains("is empty"), status.err());
    }
}
