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
 * A real {@code cf-sync send} to a Kustomer whose bulk endpoint misbehaves: refuses the key (403), loses the job
 * (404 on a poll), throttles and fails on the submit and on the polls. Each time: every customer created exactly
 * once (nothing lost, nothing twice), every event delivered, exit 0, and the summary says so.
 */
@DisabledOnOs(OS.WINDOWS)
class BulkVendorFaultsIT {
    private static final int USERS = 5;

    @TempDir
    Path work;

    private String run(BulkJobStub vendor) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            lines.add("{\"type\":\"identify\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + i
                    + "\",\"traits\":{\"name\":\"User " + i + "\"}}");
        }
        Child.RunFiles f = new Child.RunFiles(work.resolve("in.ndjson"), work.resolve("state.db"),
                work.resolve("dead.ndjson"), work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
        Files.write(f.input(), lines, StandardCharsets.UTF_8);
        vendor.complete = true;
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.cfsync.Main", "send", "--dest", "kustomer", "--base-url", vendor.baseUrl(), "--progress", "none",
                "--rate", "unlimited", "--timeout", "3s", "--max-retries", "4", "--state", f.state().toString(),
                "--dead-letter", f.deadLetter().toString(), f.input().toString());
        Child child = Child.start(cmd, Map.of("CF_SYNC_KUSTOMER_API_KEY", "k-faults-secret-3"), f,
                work.resolve("err.txt"));
        int exit = child.await(60);
        String err = Files.readString(work.resolve("err.txt"));
        assertEquals(0, exit, err);
        assertEquals(List.of("u-1", "u-2", "u-3", "u-4", "u-5"), vendor.created().stream().sorted().toList(),
                "each customer once: " + vendor.log());
        assertTrue(err.matches("(?s).*delivered:\\s+5 events\\n.*"), err);
        assertTrue(!Files.exists(f.deadLetter()), "nothing dead-lettered");
        assertTrue(!err.contains("k-faults-secret-3"), "the key never shows");
        return err;
    }

    @Test
    @Timeout(60)
    void aKeyWithoutTheBulkRoleGoesOnWithSingleRequests() throws Exception {
        try (BulkJobStub vendor = new BulkJobStub()) {
            vendor.fault = (req, before) -> req.equals("POST /v1/customers/bulk") ? 403 : 0;
            String err = run(vendor);
            assertEquals(1, vendor.count("POST /v1/customers/bulk"), vendor.log().toString());
            assertEquals(USERS, vendor.count("POST /v1/customers"), vendor.log().toString());
            assertTrue(err.contains("lacks a bulk role"), err);
        }
    }

    @Test
    @Timeout(60)
    void aJobTheVendorLostIsSubmittedOnceMore() throws Exception {
        try (BulkJobStub vendor = new BulkJobStub()) {
            vendor.fault = (req, before) -> req.equals("GET /v1/bulk/job-1") ? 404 : 0;
            run(vendor);
            assertEquals(2, vendor.count("POST /v1/customers/bulk"), vendor.log().toString());
            assertEquals(1, vendor.count("GET /v1/bulk/job-2/batches"), vendor.log().toString());
        }
    }

    @Test
    @Timeout(60)
    void throttlingAndServerErrorsOnSubmitAndPollMakeNoSecondJob() throws Exception {
        try (BulkJobStub vendor = new BulkJobStub()) {
            vendor.fault = (req, before) -> req.equals("POST /v1/customers/bulk") && before < 2
                    ? (before == 0 ? 429 : 503)
                    : req.equals("GET /v1/bulk/job-1") && before < 2 ? (before == 0 ? 502 : 429) : 0;
            run(vendor);
            assertEquals(1, vendor.count("GET /v1/bulk/job-1/batches"), vendor.log().toString());
            assertTrue(vendor.log().stream().noneMatch(r -> r.startsWith("GET /v1/bulk/job-2")),
                    vendor.log().toString());
        }
    }
}
