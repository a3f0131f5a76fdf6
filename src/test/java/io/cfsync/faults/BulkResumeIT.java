package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cf-sync send} to Kustomer killed with SIGKILL after its bulk job was submitted and before the job
 * completed; the same command run again polls that job instead of submitting the customers again: one submit in
 * the vendor's log, every customer created once, every event delivered, exit 0.
 */
@DisabledOnOs(OS.WINDOWS)
class BulkResumeIT {
    private static final int USERS = 6;

    @TempDir
    Path work;

    private List<String> command(String baseUrl, Child.RunFiles f) {
        return List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.cfsync.Main", "send", "--dest", "kustomer", "--base-url", baseUrl, "--progress", "none",
                "--rate", "unlimited", "--timeout", "3s", "--state", f.state().toString(), "--dead-letter",
                f.deadLetter().toString(), "--outcomes", f.outcomes().toString(), f.input().toString());
    }

    @Test
    @Timeout(90)
    void killMinusNineBetweenSubmitAndResultsPollsTheSameJobOnResume() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            lines.add("{\"type\":\"identify\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + i
                    + "\",\"traits\":{\"name\":\"User " + i + "\"}}");
        }
        lines.add("{\"type\":\"track\",\"messageId\":\"m-t\",\"userId\":\"u-1\",\"event\":\"Signed Up\"}");
        Child.RunFiles f = new Child.RunFiles(work.resolve("in.ndjson"), work.resolve("state.db"),
                work.resolve("dead.ndjson"), work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
        Files.write(f.input(), lines, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("CF_SYNC_KUSTOMER_API_KEY", "k-resume-secret-7");
        try (BulkJobStub vendor = new BulkJobStub()) {
            List<String> cmd = command(vendor.baseUrl(), f);
            Child first = Child.start(cmd, env, f, work.resolve("err1.txt"));
            // Bounded wait for the first poll: the job was recorded before it.
            for (int i = 0; i < 600 && vendor.count("GET /v1/bulk/job-1") == 0 && first.alive(); i++) {
                Thread.sleep(50);
            }
            assertEquals(1, vendor.count("GET /v1/bulk/job-1"), Files.readString(work.resolve("err1.txt")));
            first.stop(Scenario.Stop.KILL9);
            assertEquals(137, first.await(30), "killed by SIGKILL");
            vendor.complete = true;

            Child second = Child.start(cmd, env, f, work.resolve("err2.txt"));
            int exit = second.await(60);
            String err = Files.readString(work.resolve("err2.txt"));
            assertEquals(0, exit, err);
            assertEquals(1, vendor.count("POST /v1/customers/bulk"), vendor.log().toString());
            assertEquals(List.of("u-1", "u-2", "u-3", "u-4", "u-5", "u-6"), vendor.created(), "each customer once");
            assertEquals(1, vendor.count("GET /v1/bulk/job-1/batches"), vendor.log().toString());
            assertTrue(vendor.log().indexOf("POST /v1/tracking/identityEvent")
                    > vendor.log().indexOf("GET /v1/bulk/job-1/batches"), "the track after its customer");
            assertTrue(err.matches("(?s).*delivered:\\s+7 events\\n.*"), err);
            assertTrue(!Files.exists(f.deadLetter()), "nothing dead-lettered");
        }
    }
}
