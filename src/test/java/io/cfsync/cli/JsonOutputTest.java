package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.Destinations;
import io.cfsync.state.Ledger;
import io.cfsync.state.SourceState;
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

/** {@code --json} of status, destinations and validate: one document Jackson parses, with the documented keys. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void destinationsDescribeEverySettingWithoutValues() throws Exception {
        Cli.Result r = Cli.run("destinations", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(List.of("destinations"), keys(doc));
        assertEquals(Destinations.all().size(), doc.get("destinations").size());
        JsonNode cio = doc.get("destinations").get(0);
        assertEquals(List.of("name", "title", "defaultRate", "settings", "events", "integrationKeys"), keys(cio));
        assertEquals("customerio", cio.get("name").asText());
        assertEquals(100.0, cio.get("defaultRate").asDouble());
        JsonNode apiKey = null;
        for (JsonNode s : cio.get("settings")) {
            apiKey = s.get("key").asText().equals("apiKey") ? s : apiKey;
        }
        assertEquals(List.of("key", "type", "required", "secret", "default", "choices", "aliases", "description",
                "env"), keys(apiKey));
        assertEquals("apiKey", apiKey.get("key").asText());
        // Needed for the Track API only (api=pipelines takes pipelinesApiKey), so not required as such.
        assertTrue(apiKey.get("secret").asBoolean() && !apiKey.get("required").asBoolean());
        assertEquals("CF_SYNC_CUSTOMERIO_API_KEY", apiKey.get("env").asText());
        assertTrue(cio.get("events").has("identify"));
    }

    @Test
    void validateListsProblemsAndSummarises() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, SendCommandTest.IDENTIFY + "\n\n{\"type\":\"track\",\"userId\":\"u\"}\n[1]\n");
        Path bin = tmp.resolve("bin.ndjson");
        Files.write(bin, new byte[] {0, 1, 2, 3, 0, 0, 5});
        Cli.Result r = Cli.run("validate", "--json", "-q", in.toString(), bin.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(List.of("problems", "summary", "ok"), keys(doc));
        JsonNode first = doc.get("problems").get(0);
        assertEquals(List.of("file", "line", "reason", "detail"), keys(first));
        assertEquals(in.toString(), first.get("file").asText());
        assertEquals(3, first.get("line").asLong());
        assertEquals("invalid-event-name", first.get("reason").asText());
        assertEquals("not-an-object", doc.get("problems").get(1).get("reason").asText());
        JsonNode unreadable = doc.get("problems").get(2);
        assertEquals(List.of("file", "reason", "detail"), keys(unreadable));
        assertEquals(bin.toString(), unreadable.get("file").asText());
        JsonNode summary = doc.get("summary");
        assertEquals(List.of("lines", "valid", "invalid", "eventsByType", "invalidByReason", "inputErrors",
                "skipped"), keys(summary));
        assertEquals(1, summary.get("valid").asLong());
        assertEquals(2, summary.get("invalid").asLong());
        assertEquals(1, summary.get("eventsByType").get("identify").asLong());
        assertEquals(1, summary.get("skipped").get("blank-line").asLong());
        assertFalse(doc.get("ok").asBoolean());
    }

    @Test
    void statusShowsLedgersInputsAndRuns() throws Exception {
        Path db = tmp.resolve("customerio.db");
        try (Ledger l = Ledger.open(db)) {
            l.runStarted("run-1", "customerio", "cf-sync send --dest customerio in.ndjson");
            l.saveSource("customerio", new SourceState("in.ndjson", 5, 120, "ab12", false));
            l.runEnded("run-1", "complete", "5 delivered");
        }
        Cli.Result r = Cli.run("status", "--json", "--state", db.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(List.of("ledgers"), keys(doc));
        JsonNode ledger = doc.get("ledgers").get(0);
        assertEquals(List.of("path", "lock", "destinations", "runs"), keys(ledger));
        assertTrue(ledger.get("lock").isNull());
        JsonNode input = ledger.get("destinations").get(0).get("inputs").get(0);
        assertEquals("customerio", ledger.get("destinations").get(0).get("name").asText());
        assertEquals(List.of("path", "watermark", "finished", "hashed"), keys(input));
        assertEquals(5, input.get("watermark").asLong());
        JsonNode run = ledger.get("runs").get(0);
        assertEquals(List.of("id", "dest", "pid", "startedAt", "endedAt", "outcome", "summary"), keys(run));
        assertEquals("complete", run.get("outcome").asText());
    }

    @Test
    void statusWithoutLedgersIsAnEmptyList() throws Exception {
        Cli.Result r = Cli.run(new byte[0], Map.of("XDG_STATE_HOME", tmp.toString()), "status", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, JSON.readTree(r.out()).get("ledgers").size());
    }
}
