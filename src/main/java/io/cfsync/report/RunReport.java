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
     * How the run ended: its result as the report spells it ({@code complete}, {@code incomplete-time-boxed}, …),
     * the process's exit code, and for an aborted run why it stopped, in words (already redacted), else null.
     */
    public record Exit(String result, int code, String abortCause) {
    }

    /** Which run this was: its id, cf-sync's version, the command line, the destination, and whether it printed. */
    public record Run(String id, String version, List<String> command, String destination, boolean dryRun) {
    }

    /** When the run started and ended (ISO-8601 instants), and how long it took on the monotonic clock. */
    public record Times(String startedAt, String endedAt, double seconds) {
    }

    /** Everything the report says, in named parts. */
    public record Facts(Run run, Times times, Exit exit, List<Source> sources, RunStats stats,
                        List<String> firstErrors) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private RunReport() {
    }

    /** Writes the report to {@code file}, or to {@code stdout} when {@code file} is {@code -}. */
    public static void write(Path file, java.io.OutputStream stdout, Redactor redactor, Facts facts)
            throws IOException {
        StringWriter buf = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(buf).useDefaultPrettyPrinter()) {
            Strings w = new Strings(g, redactor);
            g.writeStartObject();
            header(w, facts);
            figures(w, facts.stats(), facts.run().dryRun(), facts.times().seconds());
            w.array("firstErrors", facts.firstErrors());
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

    /** Which run, when, how it ended, and how far each input got. */
    private static void header(Strings w, Facts f) throws IOException {
        JsonGenerator g = w.g();
        w.field("runId", f.run().id());
        w.field("version", f.run().version());
        w.array("command", f.run().command());
        w.field("destination", f.run().destination());
        g.writeBooleanField("dryRun", f.run().dryRun());
        w.field("startedAt", f.times().startedAt());
        w.field("endedAt", f.times().endedAt());
        g.writeNumberField("elapsedSeconds", Math.round(f.times().seconds() * 1000) / 1000.0);
        w.field("outcome", f.exit().result());
        g.writeNumberField("exitCode", f.exit().code());
        if (f.exit().abortCause() != null) {
            w.field("abortCause", f.exit().abortCause());
        }
        g.writeArrayFieldStart("sources");
        for (Source x : f.sources()) {
            g.writeStartObject();
            w.field("path", x.path());
            g.writeNumberField("watermark", x.watermark());
            g.writeBooleanField("finished", x.finished());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** What was read, where each event ended, and how the sending went. */
    private static void figures(Strings w, RunStats s, boolean dryRun, double seconds) throws IOException {
        JsonGenerator g = w.g();
        g.writeNumberField("linesRead", s.lines.sum());
        w.counts("eventsByType", s.eventsByType.snapshot());
        w.counts("inputErrors", s.inputErrors.snapshot());
        w.counts("inputsLeftOut", s.inputsLeftOut.snapshot());
        g.writeNumberField("inputsFinished", s.inputsFinished.sum());
        outcomes(w, s, dryRun);
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
    }

    private static void outcomes(Strings w, RunStats s, boolean dryRun) throws IOException {
        JsonGenerator g = w.g();
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
