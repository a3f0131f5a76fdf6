package io.cfsync.send;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.cfsync.dest.Auth;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import io.cfsync.report.RunStats;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Prints each planned request as one NDJSON line, keys in this fixed order:
 * {@code dest, source{file,line,messageId}, method, url, headers, body} and, for plan steps that are conditional,
 * {@code when}. Credentials are applied redacted. Byte-identical for identical input. Counts the requests a real
 * send would make ({@link RunStats#plannedRequests}), for the estimate in the summary. Not thread-safe.
 */
final class DryRunSink implements BatchingSink.Target, BulkingSink.Target {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Writes trees into the line being built, as the mapper's writer would but without a flush per tree (a write
     * to the output per event) and without a serializer context made per tree: one context serves the whole run.
     */
    private final SerializerProvider trees = MAPPER.getSerializerProviderInstance();
    private final String dest;
    private final Auth auth;
    private final DeliveryListener listener;
    private final OutputStream out;
    private final JsonGenerator gen;
    private final RunStats stats;
    private boolean any;

    public DryRunSink(String dest, Auth auth, OutputStream out, boolean pretty, DeliveryListener listener) {
        this(dest, auth, out, pretty, listener, null);
    }

    /** @param stats where the requests a real send would make are counted, or null */
    public DryRunSink(String dest, Auth auth, OutputStream out, boolean pretty, DeliveryListener listener,
                      RunStats stats) {
        this.stats = stats;
        this.dest = dest;
        this.auth = auth;
        this.listener = listener;
        this.out = out;
        try {
            this.gen = MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new OutputException("cannot write to standard output: " + e.getMessage(), e);
        }
        if (pretty) {
            gen.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance().withRootSeparator("\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));
        } else {
            // Compact output needs no pretty printer, whose call on every value costs more than the writing itself.
            gen.setRootValueSeparator(new SerializedString("\n"));
        }
    }

    @Override
    public void submit(Delivery d) {
        try {
            for (VendorRequest r : d.requests()) {
                write(d, auth.apply(r, false));
            }
        } catch (IOException e) {
            throw new OutputException("cannot write to standard output: " + e.getMessage(), e);
        }
        planned(d);
        listener.delivered(d);
    }

    /** Counts what a real send of {@code d} makes: every step, but only one of the two conditional branches. */
    private void planned(Delivery d) {
        if (stats == null) {
            return;
        }
        boolean branch = false;
        for (VendorRequest r : d.requests()) {
            if (r.when() == When.IF_FOUND || r.when() == When.IF_NOT_FOUND) {
                branch = true;
            } else {
                stats.plannedRequests.increment();
                if (r.when() == When.LOOKUP) {
                    stats.plannedLookups.increment();
                }
            }
        }
        if (branch) {
            stats.plannedRequests.increment();
        }
    }

    /**
     * Prints one batch request: {@code source} is {@code {"file","lines":[…],"messageIds":[…]}} of its entities, in
     * the order they sit in the body.
     */
    @Override
    public void submitBatch(io.cfsync.dest.BatchSpec spec, BatchPacker.Batch b) {
        try {
            VendorRequest r = auth.apply(spec.request(), false);
            any = true;
            gen.writeStartObject();
            gen.writeStringField("dest", dest);
            gen.writeObjectFieldStart("source");
            gen.writeStringField("file", b.deliveries().get(0).file());
            gen.writeArrayFieldStart("lines");
            for (Delivery d : b.deliveries()) {
                gen.writeNumber(d.line());
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("messageIds");
            for (Delivery d : b.deliveries()) {
                gen.writeString(d.messageId());
            }
            gen.writeEndArray();
            gen.writeEndObject();
            writeRequestLine(r);
            gen.writeFieldName("body");
            gen.writeStartObject();
            gen.writeArrayFieldStart(spec.field());
            for (Delivery d : b.deliveries()) {
                tree(d.requests().get(0).body());
            }
            gen.writeEndArray();
            for (java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> m : b.shared().properties()) {
                gen.writeFieldName(m.getKey());
                tree(m.getValue());
            }
            gen.writeEndObject();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new OutputException("cannot write to standard output: " + e.getMessage(), e);
        }
        if (stats != null) {
            stats.plannedRequests.increment();
        }
        for (Delivery d : b.deliveries()) {
            listener.delivered(d);
        }
    }

    /**
     * Prints the submit request of a bulk job, its {@code source} like a batch's, and then a {@code note} naming the
     * polls and the read of the results that follow it (not printed as requests: their count depends on the
     * vendor's pace). Counts the submit, one poll and the read in the estimate.
     */
    @Override
    public void submitBulk(io.cfsync.dest.BulkSpec spec, BulkPack pack) {
        try {
            VendorRequest r = auth.apply(spec.submit(pack.items(), pack.refs()), false);
            any = true;
            gen.writeStartObject();
            gen.writeStringField("dest", dest);
            gen.writeObjectFieldStart("source");
            gen.writeStringField("file", pack.deliveries().get(0).file());
            gen.writeArrayFieldStart("lines");
            for (Delivery d : pack.deliveries()) {
                gen.writeNumber(d.line());
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("messageIds");
            for (Delivery d : pack.deliveries()) {
                gen.writeString(d.messageId());
            }
            gen.writeEndArray();
            gen.writeEndObject();
            writeRequestLine(r);
            gen.writeFieldName("body");
            tree(r.body());
            gen.writeStringField("note", spec.followUp());
            gen.writeEndObject();
        } catch (IOException e) {
            throw new OutputException("cannot write to standard output: " + e.getMessage(), e);
        }
        if (stats != null) {
            stats.plannedRequests.add(3);
        }
        for (Delivery d : pack.deliveries()) {
            listener.delivered(d);
        }
    }

    /** {@code "method","url","headers"} of a request, in the contract's order. */
    private void writeRequestLine(VendorRequest r) throws IOException {
        gen.writeStringField("method", r.method());
        gen.writeStringField("url", r.url());
        gen.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            gen.writeStringField(h.getKey(), h.getValue());
        }
        gen.writeEndObject();
    }

    private void write(Delivery d, VendorRequest r) throws IOException {
        any = true;
        gen.writeStartObject();
        gen.writeStringField("dest", dest);
        gen.writeObjectFieldStart("source");
        gen.writeStringField("file", d.file());
        gen.writeNumberField("line", d.line());
        if (d.index() >= 0) {
            gen.writeNumberField("index", d.index());
        }
        gen.writeStringField("messageId", d.messageId());
        gen.writeEndObject();
        writeRequestLine(r);
        if (r.body() != null) {
            gen.writeFieldName("body");
            tree(r.body());
        }
        if (r.when() != When.ALWAYS) {
            gen.writeStringField("when", r.when().wire());
        }
        gen.writeEndObject();
    }

    private void tree(JsonNode node) throws IOException {
        if (node == null) {
            gen.writeNull();
        } else {
            node.serialize(gen, trees);
        }
    }

    @Override
    public void close() {
        try {
            if (any) {
                gen.writeRaw('\n');
            }
            gen.flush();
            out.flush();
        } catch (IOException e) {
            throw new OutputException("cannot write to standard output: " + e.getMessage(), e);
        }
    }
}
