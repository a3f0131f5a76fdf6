package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.input.InputSource;
import io.cfsync.input.Inputs;
import io.cfsync.state.Ledger;
import io.cfsync.state.SourceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledger keys by a file name's bytes: UTF-8 names keep the key they always had, names that differ only in bytes
 * that are not UTF-8 get a key and a name each, a row written under the shared name by an older cf-sync is not
 * trusted, and a named pipe has no key at all (read like stdin).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(30)
class RawNameKeysTest {
    @TempDir
    Path tmp;

    /** Creates {@code name} in {@code dir}: octal escapes in it become bytes through the shell's printf. */
    private static void create(Path dir, String name, String text) throws Exception {
        Files.writeString(dir.resolve("t.tmp"), text, StandardCharsets.UTF_8);
        Process mv = new ProcessBuilder("sh", "-c", "mv t.tmp \"$(printf \"$1\")\"", "sh", name)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(mv.waitFor(10, TimeUnit.SECONDS) && mv.exitValue() == 0,
                "skipped: this file system refuses names that are not UTF-8");
    }

    @Test
    void utf8NamesKeepTheirKey() throws Exception {
        Path p = Files.writeString(tmp.resolve("café €.ndjson"), "{}\n");
        InputSource src = Inputs.resolve(List.of(tmp.toString())).get(0);
        assertEquals(p.toAbsolutePath().normalize().toString(), src.ledgerKey(), "as older ledgers have it");
        assertNull(src.legacyLedgerKey());
        assertTrue(src.name().endsWith("/café €.ndjson"), src.name());
    }

    @Test
    void namesDifferingOnlyInBytesThatAreNotUtf8AreTwoInputs() throws Exception {
        create(tmp, "a\\376.ndjson", "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"A\"}\n");
        create(tmp, "a\\377.ndjson", "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"B\"}\n");
        List<InputSource> found = Inputs.resolve(List.of(tmp.toString()));
        assertEquals(2, found.size());
        InputSource fe = found.get(0);
        InputSource ff = found.get(1);
        assertEquals(tmp + "/a\\xFE.ndjson", fe.name());
        assertEquals(tmp + "/a\\xFF.ndjson", ff.name());
        assertNotEquals(fe.ledgerKey(), ff.ledgerKey());
        assertTrue(fe.ledgerKey().startsWith("file:///") && fe.ledgerKey().endsWith("/a%FE.ndjson"),
                fe.ledgerKey());
        assertEquals(fe.legacyLedgerKey(), ff.legacyLedgerKey(), "the key both had before");
        assertTrue(new String(fe.open(java.io.InputStream.nullInputStream()).readAllBytes(),
                StandardCharsets.UTF_8).contains("\"A\""), "each is opened by its own bytes");
    }

    @Test
    void aRowUnderTheSharedNameIsNotTrusted() throws Exception {
        create(tmp, "a\\377.ndjson", "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"B\"}\n");
        InputSource src = Inputs.resolve(List.of(tmp.toString())).get(0);
        try (Ledger ledger = Ledger.open(tmp.resolve("ledger.db"))) {
            ledger.saveSource("customerio", new SourceState(src.legacyLedgerKey(), 1, 44, "0".repeat(64),
                    true));
            Checkpoints.Start start = new Checkpoints(ledger, "customerio", false).open(src);
            assertFalse(start.skipWhole());
            assertEquals(0, start.skipThrough());
            assertTrue(start.note().contains("under a name other files share"), start.note());
        }
    }

    @Test
    void aNamedPipeHasNoResumePoint() throws Exception {
        Path fifo = tmp.resolve("in.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "skipped: no mkfifo");
        InputSource src = Inputs.resolve(List.of(fifo.toString())).get(0);
        assertTrue(src.isStream());
        assertNull(src.ledgerKey());
        try (Ledger ledger = Ledger.open(tmp.resolve("ledger.db"))) {
            Checkpoints c = new Checkpoints(ledger, "customerio", false);
            Checkpoints.Start start = c.open(src);
            assertTrue(start.note().contains("is a pipe"), start.note());
            assertNull(c.tap(src.name()), "nothing is recorded for it");
        }
    }
}
