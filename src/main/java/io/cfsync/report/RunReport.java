package io.cfsync.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --report FILE}: one JSON document per run, for cron jobs and people: run id, version, the command line
 * (secrets redacted), start and end, how it ended, inputs with their watermarks, counts by event type and outcome
 * and reason, requests, retries, HTTP statuses, latency percentiles, achieved rate and the first errors. Written
 * through the redactor.
 */
public final class RunReport {
    /** One input and how far it got. */
    public record Source(String path, long watermark, boolean finished) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    public static void write(Path file, Redactor redactor, String runId, String version, List<String> command,
                             String dest, boolean dryRun, String startedAt, String endedAt, double seconds,
                             String outcome, List<Source> sources, RunStats s, List<String> firstErrors) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.put("runId", runId);
        r.put("version", version);
        ArrayNode cmd = r.putArray("command");
        command.forEach(cmd::add);
        r.put("destination", dest);
        r.put("dryRun", dryRun);
        r.put("startedAt", startedAt);
        r.put("endedAt", endedAt);
        r.put("elapsedSeconds", Math.round(seconds * 1000) / 1000.0);
        r.put("outcome", outcome);
        ArrayNode src = r.putArray("sources");
        for (Source x : sources) {
            ObjectNode o = src.addObject();
            o.put("path", x.path());
            o.put("watermark", x.watermark());
            o.put("finished", x.finished());
        }
        r.put("linesRead", s.lines.sum());
        counts(r.putObject("eventsByType"), s.eventsByType.snapshot());
        counts(r.putObject("inputErrors"), s.inputErrors.snapshot());
        ObjectNode outcomes = r.putObject("outcomes");
        outcomes.put(dryRun ? "mapped" : "delivered", s.delivered.sum());
        counts(outcomes.putObject("skipped"), s.skipped.snapshot());
        counts(outcomes.putObject("deadLettered"), s.deadLettered.snapshot());
        outcomes.put("notAttempted", s.notAttempted.sum());
        counts(r.putObject("warnings"), s.warnings.snapshot());
        r.put("requests", s.requests.sum());
        r.put("httpRequests", s.httpRequests.sum());
        r.put("retries", s.retries.sum());
        counts(r.putObject("httpStatus"), s.httpStatus.snapshot());
        ObjectNode lat = r.putObject("latencyMillis");
        lat.put("p50", round(s.latencies.percentileMillis(50)));
        lat.put("p95", round(s.latencies.percentileMillis(95)));
        lat.put("p99", round(s.latencies.percentileMillis(99)));
        r.put("achievedRequestsPerSecond", seconds > 0 ? round(s.httpRequests.sum() / seconds) : 0);
        ArrayNode errors = r.putArray("firstErrors");
        firstErrors.forEach(errors::add);
        String text = redactor.redact(JSON.writeValueAsString(r)) + "\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }

    private static void counts(ObjectNode o, Map<String, Long> m) {
        m.forEach(o::put);
    }
}
