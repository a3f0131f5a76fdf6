package io.cfsync.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.VendorRequest;
import io.cfsync.dest.When;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The dry-run printer of {@code --format curl}: each planned request as a bash command (see {@link CurlFormat}),
 * after a comment naming its destination, input line and, for a conditional step, when it runs. Bodies are
 * serialized exactly as the HTTP sink serializes them. Not thread-safe (the reading thread owns it).
 */
final class CurlSink implements BatchingSink.Target {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String dest;
    private final CurlFormat format;
    private final OutputStream out;
    private final DeliveryListener listener;

    CurlSink(String dest, CurlFormat format, OutputStream out, DeliveryListener listener) {
        this.dest = dest;
        this.format = format;
        this.out = out;
        this.listener = listener;
    }

    @Override
    public void submit(Delivery d) {
        for (VendorRequest r : d.requests()) {
            String step = r.when() == When.ALWAYS ? "" : ", " + r.when().wire() + note(r.when());
            write(comment(dest + " " + d.file() + ":" + d.line() + (d.messageId() == null ? "" : " " + d.messageId())
                    + step) + format.command(r, body(r)));
        }
        listener.delivered(d);
    }

    @Override
    public void submitBatch(BatchSpec spec, BatchPacker.Batch b) {
        VendorRequest r = VendorRequest.json("POST", spec.url(), MAPPER.createObjectNode());
        write(comment(dest + " " + b.deliveries().get(0).file() + ": a batch of " + b.size() + " events, lines "
                + b.deliveries().get(0).line() + "-" + b.deliveries().get(b.size() - 1).line())
                + format.command(r, b.body(spec.field())));
        for (Delivery d : b.deliveries()) {
            listener.delivered(d);
        }
    }

    /** A shell comment on one line, whatever the file name holds. */
    private static String comment(String text) {
        return "# " + text.replaceAll("[\\x00-\\x1f]", " ") + "\n";
    }

    private static String note(When when) {
        switch (when) {
            case LOOKUP:
                return " (its answer decides the next step)";
            case IF_FOUND:
                return " (only when the lookup found the record; put its id for {found.id})";
            default:
                return " (only when the lookup found nothing)";
        }
    }

    private static byte[] body(VendorRequest r) {
        try {
            return r.body() == null ? null : MAPPER.writeValueAsBytes(r.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a request body", e);
        }
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OutputException("cannot write to standard output: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new OutputException("cannot write to standard output: " + e.getMessage(), e);
        }
    }
}
