package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/cron-sync.example really alerts: cron mails whatever a job prints, so a clean run prints nothing and sends
 * no mail, and a run a person should look at mails the alert address (through a stand-in for mail(1)) and prints
 * the reason, with a non-zero exit. cf-sync itself is the real one, run from the packaged jar.
 */
@Timeout(120)
class CronExampleIT {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run cron(Map<String, String> env) throws IOException, InterruptedException {
        Path repo = Paths.get("").toAbsolutePath();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("mail"), "#!/bin/sh\n{ echo \"args: $*\"; cat; } >> '" + tmp.resolve("mails") + "'\n");
        executable(bin.resolve("cf-sync"), "#!/bin/sh\nexec java -jar '" + repo.resolve("target/cf-sync.jar")
                + "' \"$@\"\n");
        Path archive = Files.createDirectories(tmp.resolve("archive"));
        Files.writeString(archive.resolve("day.ndjson"), "\n\n");
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/cron-sync.example").toString())
                .directory(tmp.toFile()).redirectError(tmp.resolve("err").toFile());
        Map<String, String> e = pb.environment();
        e.remove("CF_SYNC_CUSTOMERIO_API_KEY");
        e.put("PATH", bin + ":" + System.getenv("PATH"));
        e.put("HOME", tmp.toString());
        e.put("XDG_STATE_HOME", tmp.resolve("state").toString());
        e.put("CF_SYNC", bin.resolve("cf-sync").toString());
        e.put("ARCHIVE", archive.toString());
        e.put("WORK", tmp.resolve("work").toString());
        e.put("ALERT_TO", "ops@example.com");
        e.putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(100, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err")));
    }

    private static void executable(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aCleanRunPrintsNothingAndMailsNobody() throws Exception {
        Run r = cron(Map.of("CF_SYNC_CUSTOMERIO_API_KEY", "k-123"));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("", r.out() + r.err(), "cron would mail any output");
        assertFalse(Files.exists(tmp.resolve("mails")), "nobody mailed");
        assertTrue(Files.readString(tmp.resolve("work/cron.log")).contains("exit code:     0"),
                "the run's summary is in the log");
    }

    @Test
    void aFailingRunMailsTheAlertAddressAndPrintsWhy() throws Exception {
        Run r = cron(Map.of());
        assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
        String mails = Files.readString(tmp.resolve("mails"));
        assertTrue(mails.startsWith("args: -s cf-sync customerio on "), mails);
        assertTrue(mails.contains("exit code 2 ops@example.com\n"), mails);
        assertTrue(mails.contains("apiKey"), "the mail says what went wrong: " + mails);
        assertEquals(1, mails.split("args: ", -1).length - 1, "one mail: " + mails);
        assertTrue(r.out().contains("the run failed with exit code 2"), "cron's MAILTO gets it too: " + r.out());
    }
}
