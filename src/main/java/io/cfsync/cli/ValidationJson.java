package io.cfsync.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cfsync.event.Problem;
import io.cfsync.input.SourceRef;
import io.cfsync.pipeline.Validation;
import io.cfsync.report.Counter;
import io.cfsync.report.RunStats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code cf-sync validate --json}: one JSON document, written as the inputs are read so memory stays flat however
 * many events are invalid: {@code {"problems":[…],"summary":{…},"ok":bool}}. A problem is
 * {@code {"file","line","reason","detail"}} for an invalid event, or {@code {"file","reason","detail"}} (no line)
 * for an input that cannot be read as events. The summary is {@code {"lines","valid","invalid","eventsByType",
 * "invalidByReason","inputErrors","skipped"}}. Not thread-safe.
 */
final class ValidationJson implements Validation.Report {
    private final JsonGenerator gen;

    ValidationJson(OutputStream out) throws IOException {
        // stdout stays open for whoever owns it.
        this.gen = JsonOutput.MAPPER.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.writeStartObject();
        gen.writeArrayFieldStart("problems");
    }

    @Override
    public void invalid(SourceRef ref, Problem problem) {
        write(ref.file(), ref.line(), ref.index(), problem.code(), problem.detail());
    }

    @Override
    public void unreadable(String input, String kind, String message) {
        write(input, -1, SourceRef.NO_INDEX, kind, message);
    }

    @Override
    public void leftOut(String input, String why) {
        write(input, -1, SourceRef.NO_INDEX, "left-out", why);
    }

    private void write(String file, long line, int index, String reason, String detail) {
        try {
            gen.writeStartObject();
            gen.writeStringField("file", file);
            if (line >= 0) {
                gen.writeNumberField("line", line);
            }
            if (index != SourceRef.NO_INDEX) {
                gen.writeNumberField("index", index);
            }
            gen.writeStringField("reason", reason);
            gen.writeStringField("detail", detail);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the document with the summary of {@code stats}. */
    void finish(RunStats stats) throws IOException {
        gen.writeEndArray();
        gen.writeObjectFieldStart("summary");
        gen.writeNumberField("lines", stats.lines.sum());
        gen.writeNumberField("valid", stats.delivered.sum());
        gen.writeNumberField("invalid", stats.deadLettered.total());
        counts("eventsByType", stats.eventsByType);
        counts("invalidByReason", stats.deadLettered);
        counts("inputErrors", stats.inputErrors);
        counts("skipped", stats.skipped);
        gen.writeEndObject();
        gen.writeBooleanField("ok", stats.clean());
        gen.writeEndObject();
        gen.writeRaw('\n');
        gen.flush();
    }

    private void counts(String name, Counter c) throws IOException {
        gen.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : c.snapshot().entrySet()) {
            gen.writeNumberField(e.getKey(), e.getValue());
        }
        gen.writeEndObject();
    }
}
