package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -} as standard output for {@code --report}, {@code --outcomes} and {@code --dead-letter}: the document or
 * lines land on stdout, no file named {@code -} appears, and two writers on stdout are refused up front. The runs
 * hold only invalid events, so nothing is sent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StdoutOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEY = Map.of("CF_SYNC_CUSTIFY_API_KEY", "key-1");

    @TempDir
    Path tmp;

    private Cli.Result send(String... more) throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, "{\"type\":\"track\",\"userId\":\"u\"}\nnot json\n");
        List<String> args = new ArrayList<>(List.of("send", "--dest", "custify", "--base-url", "http://127.0.0.1:9",
                "--no-state", "-q"));
        args.addAll(List.of(more));
        args.add(in.toString());
        return Cli.run(new byte[0], KEY, args.toArray(String[]::new));
    }

    private void noFileNamedDash() {
        assertFalse(Files.exists(Path.of("-")), "a file named - was written");
    }

    @Test
    void deadLettersGoToStdout() throws Exception {
        Cli.Result r = send("--dead-letter", "-");
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals("invalid-event-name", JSON.readTree(lines.get(0)).get("reason").asText());
        assertEquals("not json", JSON.readTree(lines.get(1)).get("raw").asText());
        noFileNamedDash();
    }

    @Test
    void outcomesGoToStdout() throws Exception {
        Cli.Result r = send("--dead-letter", tmp.resolve("dl.ndjson").toString(), "--outcomes", "-");
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals(1, first.get("line").asLong());
        assertEquals("dead-lettered", first.get("outcome").asText());
        noFileNamedDash();
    }

    @Test
    void theReportGoesToStdout() throws Exception {
        Cli.Result r = send("--dead-letter", tmp.resolve("dl.ndjson").toString(), "--report", "-");
        assertEquals(1, r.exit(), r.err());
        JsonNode report = JSON.readTree(r.out());
        assertEquals("custify", report.get("destination").asText());
        assertEquals(2, report.get("linesRead").asLong());
        noFileNamedDash();
    }

    @Test
    void twoWritersOnStdoutAreRefusedBeforeAnythingIsRead() throws Exception {
        Cli.Result r = send("--dead-letter", "-", "--report", "-");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--dead-letter - and --report - would all write to standard output"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aDryRunKeepsStdoutForItsRequests() throws Exception {
        Cli.Result r = send("--dry-run", "--outcomes", "-");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--outcomes - would mix with the requests --dry-run prints on standard output"),
                r.err());
        assertEquals(ExitCodes.USAGE, send("--dry-run", "--dead-letter", "-").exit());
        assertEquals(ExitCodes.USAGE, send("--dry-run", "--format", "curl", "--report", "-").exit());
    }
}
