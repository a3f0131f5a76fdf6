package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run report and the summary say which exit code the run ends with, and why an aborted run stopped. */
@Timeout(60)
class ExitReportIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anAbortedRunNamesItsCauseInWords() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 5, 1);
        Path report = tmp.resolve("report.json");
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> WireMock.aResponse().withStatus(401).build());
            Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--set", "siteId=s",
                    "--set", "apiKey=k-exit-report-1", "--base-url", vendor.baseUrl(), "--progress", "none",
                    "--no-state", "--dead-letter", tmp.resolve("dead.ndjson").toString(), "--report",
                    report.toString(), in.toString());
            assertEquals(3, r.exit(), r.err());
            JsonNode doc = JSON.readTree(report.toFile());
            assertEquals(3, doc.get("exitCode").asInt(), doc.toString());
            String cause = doc.get("abortCause").asText();
            assertTrue(cause.contains("credentials") && cause.contains("401"), cause);
            assertFalse(cause.contains("k-exit-report-1") || cause.contains("Exception"), cause);
            assertTrue(r.err().contains("  exit code:     3 (run aborted: " + cause + ")"), r.err());
        }
    }

    @Test
    void aRunWithDeadLettersEndsWithOneAndNoCause() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, List.of("{\"type\":\"identify\",\"userId\":\"u1\"}", "not json"), StandardCharsets.UTF_8);
        Path report = tmp.resolve("report.json");
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--dry-run", "--report",
                report.toString(), in.toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode doc = JSON.readTree(report.toFile());
        assertEquals(1, doc.get("exitCode").asInt(), doc.toString());
        assertFalse(doc.has("abortCause"), doc.toString());
        assertTrue(r.err().contains("  exit code:     1\n") || r.err().contains("  exit code:     1\r\n"), r.err());
    }
}
