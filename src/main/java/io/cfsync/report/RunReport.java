package io.cfsync.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --report FILE}: one JSON document per run, for cron jobs and people: run id, version, the command line
 * (secrets redacted), start and end, how it ended (outcome, exit code and, for an aborted run, its cause in
 * words), inputs with their watermarks, counts by event type and outcome
 * and reason, requests, retries, HTTP statuses, latency percentiles, achieved rate and the first errors. Written
 * with a JSON generator, so any text is escaped correctly; every string is redacted before it is written, and the
 * finished document once more, which catches a secret in its JSON-escaped spelling too. Stateless.
 */
public final class RunReport {
    /** One input and how far it got. */
    public record Source(String path, long watermark, boolean finished) {
    }

    /**
     * The process's exit code, and for an aborted run why it stopped, in words (already redacted), else null.
     */
    public record Exit(int code, String abortCause) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private RunReport() {
    }

    /** Writes the report to {@code file}, or to {@code stdout} when {@code file} is {@code -}. */
    public static void write(Path file, java.io.OutputStream stdout, Redactor redactor, String runId, String version, List<String> command,
                             String dest, boolean dryRun, String startedAt, String endedAt, double seconds,
                             String outcome, Exit exit, List<Source> sources, RunStats s, List<String> firstErrors) throws IOException {
        StringWriter buf = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(buf).useDefaultPrettyPrinter()) {
            Strings w = new Strings(g, redactor);
            g.writeStartObject();
            w.field("runId", runId);
            w.field("version", version);
            w.array("command", command);
            w.field("destination", dest);
            g.writeBooleanField("dryRun", dryRun);
            w.field("startedAt", startedAt);
            w.field("endedAt", endedAt);
            g.writeNumberField("elapsedSeconds", Math.round(seconds * 1000) / 1000.0);
            w.field("outcome", outcome);
            g.writeNumberField("exitCode", exit.code());
            if (exit.abortCause() != null) {
                w.field("abortCause", exit.abortCause());
            }
            g.writeArrayFieldStart("sources");
            for (Source x : sources) {
                g.writeStartObject();
                w.field("path", x.path());
                g.writeNumberField("watermark", x.watermark());
                g.writeBooleanField("finished", x.finished());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("linesRead", s.lines.sum());
            w.counts("eventsByType", s.eventsByType.snapshot());
            w.counts("inputErrors", s.inputErrors.snapshot());
            w.counts("inputsLeftOut", s.inputsLeftOut.snapshot());
            g.writeNumberField("inputsFinished", s.inputsFinished.sum());
            g.writeObjectFieldStart("outcomes");
            g.writeNumberField(dryRun ? "mapped" : "delivered", s.delivered.sum());
            w.counts("skipped", s.skipped.snapshot());
            w.counts("deadLettered", s.deadLettered.snapshot());
            g.writeNumberField("notAttempted", s.notAttempted.sum());
            g.writeNumberField("interrupted", s.interrupted.sum());
            if (s.compacted.sum() > 0) {
                g.writeNumberField("compacted", s.compacted.sum());
            }
            g.writeEndObject();
            if (s.limitStop.sum() > 0) {
                g.writeNumberField("stoppedByLimitAfter", s.limitStop.sum());
            }
            w.counts("warnings", s.warnings.snapshot());
            if (s.recent.total() > 0) {
                w.counts("recentEvents", s.recent.snapshot());
            }
            g.writeNumberField("requests", s.requests.sum());
            g.writeNumberField("httpRequests", s.httpRequests.sum());
            g.writeNumberField("retries", s.retries.sum());
            w.counts("httpStatus", s.httpStatus.snapshot());
            g.writeObjectFieldStart("latencyMillis");
            g.writeNumberField("p50", round(s.latencies.percentileMillis(50)));
            g.writeNumberField("p95", round(s.latencies.percentileMillis(95)));
            g.writeNumberField("p99", round(s.latencies.percentileMillis(99)));
            g.writeEndObject();
            g.writeNumberField("achievedRequestsPerSecond", seconds > 0 ? round(s.httpRequests.sum() / seconds) : 0);
            rate(g, s, dryRun);
            w.array("firstErrors", firstErrors);
            g.writeEndObject();
        }
        String text = redactor.redact(buf.toString()) + "\n";
        if (OutputFile.isStdout(file)) {
            stdout.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            stdout.flush();
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    /** Writes strings through the redactor. */
    private record Strings(JsonGenerator g, Redactor redactor) {
        void field(String name, String value) throws IOException {
            g.writeStringField(name, redactor.redact(value));
        }

        void array(String name, List<String> values) throws IOException {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(redactor.redact(v));
            }
            g.writeEndArray();
        }

        void counts(String name, Map<String, Long> m) throws IOException {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, Long> e : m.entrySet()) {
                g.writeNumberField(redactor.redact(e.getKey()), e.getValue());
            }
            g.writeEndObject();
        }
    }

    /**
     * A real send: {@code "rate": {"ceiling", "adaptive", "atEnd", "lowest", "cuts"}} in requests per second (null
     * for no ceiling); a dry-run: {@code "plannedRequests"}, the requests a real send would make.
     */
    private static void rate(JsonGenerator g, RunStats s, boolean dryRun) throws IOException {
        if (dryRun) {
            g.writeNumberField("plannedRequests", s.plannedRequests.sum());
            return;
        }
        RunStats.Rate r = s.rate.get();
        if (r == null) {
            return;
        }
        g.writeObjectFieldStart("rate");
        perSecond(g, "ceiling", r.ceiling());
        g.writeBooleanField("adaptive", r.adaptive());
        perSecond(g, "atEnd", r.atEnd());
        perSecond(g, "lowest", r.lowest());
        g.writeNumberField("cuts", r.cuts());
        g.writeEndObject();
    }

    private static void perSecond(JsonGenerator g, String name, double r) throws IOException {
        if (Double.isInfinite(r)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, round(r));
        }
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
