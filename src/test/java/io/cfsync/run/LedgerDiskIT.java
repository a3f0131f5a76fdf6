package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** On a real full or read-only disk the ledger says so in words (needs permission to mount a small tmpfs). */
@Timeout(180)
class LedgerDiskIT {
    @TempDir
    Path tmp;

    private static boolean sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private Cli.Result send(VendorStub vendor, Path state, Path in) {
        return Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-disk-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--rate", "unlimited",
                "--state", state.toString(), "--dead-letter", tmp.resolve("dead.ndjson").toString(), in.toString());
    }

    @Test
    void aFullAndThenAReadOnlyDiskAreNamed() throws Exception {
        Path mnt = Files.createDirectory(tmp.resolve("small"));
        assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString()),
                "mounting a 256 KiB tmpfs is not permitted here (it needs root): skipped");
        try {
            Path in = VendorStub.trackEvents(tmp, "in.ndjson", 6000, 40);
            Path state = mnt.resolve("ledger.db");
            try (VendorStub vendor = new VendorStub()) {
                Cli.Result full = send(vendor, state, in);
                assertEquals(ExitCodes.ABORTED, full.exit(), full.err());
                assertTrue(full.err().contains("disk full: cannot write the ledger " + state), full.err());
                assertFalse(full.err().contains("Exception") || full.err().contains("rollback")
                        || full.err().contains("SQLITE"), full.err());

                assertTrue(sh("mount", "-o", "remount,ro", mnt.toString()), "remount read-only");
                Cli.Result readOnly = send(vendor, state, in);
                assertEquals(ExitCodes.ABORTED, readOnly.exit(), readOnly.err());
                assertTrue(readOnly.err().contains("cannot write the ledger " + state + ": read-only"),
                        readOnly.err());
            }
        } finally {
            if (!sh("umount", mnt.toString())) {
                sh("umount", "-l", mnt.toString()); // never leave the mount behind
            }
        }
    }
}
