package io.cfsync.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cfsync.event.Decoded;
import io.cfsync.event.EventDecoder;
import io.cfsync.event.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams one input as {@link Item}s, in line order: decodes each line (strict UTF-8, one JSON value), unwraps
 * Segment batch envelopes ({@code {"batch":[…]}}, every element keeping the line number) and dead-letter entries
 * written by cf-sync (their {@code event} is replayed), and validates every event. Bad lines become
 * {@link Item.Bad} values; only I/O failures throw. Not thread-safe; use one per thread.
 */
public final class EventReader {
    /** Receives items; returns false to stop reading. */
    @FunctionalInterface
    public interface Handler {
        boolean accept(Item item);
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final EventDecoder decoder = new EventDecoder();

    /**
     * Reads {@code source}, skipping lines up to and including {@code skipThrough} (0 reads everything).
     *
     * @return the number of the last line read (a line counts once every item of it was handed over)
     */
    public long read(InputSource source, InputStream stdin, long skipThrough, Handler handler) throws IOException {
        return read(source, stdin, skipThrough, null, handler);
    }

    /** As {@link #read(InputSource, InputStream, long, Handler)}; {@code tap}, when not null, sees every line end. */
    public long read(InputSource source, InputStream stdin, long skipThrough, ByteTap tap, Handler handler)
            throws IOException {
        try (InputStream in = source.open(stdin)) {
            LineReader lines = new LineReader(in);
            if (tap != null) {
                lines.digest(ByteTap.sha256());
            }
            long lineNo = 0;
            while (lines.next()) {
                lineNo++;
                if (tap != null) {
                    tap.lineEnd(lineNo, lines.endOffset(), lines::digestSnapshot);
                }
                if (lineNo <= skipThrough) {
                    continue;
                }
                if (!line(new SourceRef(source.name(), lineNo), lines.buffer(), lines.lineStart(),
                        lines.lineLength(), handler)) {
                    return lineNo;
                }
            }
            if (tap != null) {
                tap.end(lineNo, lines.endOffset(), lines::digestSnapshot);
            }
            return lineNo;
        }
    }

    private boolean line(SourceRef ref, byte[] buf, int off, int len, Handler handler) {
        if (blank(buf, off, len)) {
            return handler.accept(new Item.Blank(ref));
        }
        if (!Utf8.isValid(buf, off, len)) {
            byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
            return handler.accept(new Item.Bad(ref, Problem.of("invalid-utf8", "line is not valid UTF-8"), null,
                    new String(copy, StandardCharsets.UTF_8), copy));
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(buf, off, len);
        } catch (JsonProcessingException e) {
            String text = new String(buf, off, len, StandardCharsets.UTF_8);
            return handler.accept(new Item.Bad(ref, Problem.of("invalid-json", "not valid JSON at column "
                    + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage())), null, text, null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return value(ref, node, handler);
    }

    /** Decodes one JSON value of a line, unwrapping batch envelopes and dead-letter entries. */
    private boolean value(SourceRef ref, JsonNode node, Handler handler) {
        if (node != null && node.isObject() && !node.has("type")) {
            JsonNode batch = node.get("batch");
            if (batch != null && batch.isArray()) {
                for (JsonNode element : batch) {
                    if (!decodeOne(ref, element, handler)) {
                        return false;
                    }
                }
                return true;
            }
            if (isDeadLetter(node)) {
                JsonNode ev = node.get("event");
                if (ev != null) {
                    return decodeOne(ref, ev, handler);
                }
                JsonNode b64 = node.get("rawBase64");
                byte[] bytes = b64 != null && b64.isTextual()
                        ? java.util.Base64.getDecoder().decode(b64.textValue())
                        : node.get("raw").asText().getBytes(StandardCharsets.UTF_8);
                return line(ref, bytes, 0, bytes.length, handler);
            }
        }
        return decodeOne(ref, node, handler);
    }

    private boolean decodeOne(SourceRef ref, JsonNode node, Handler handler) {
        Decoded d = decoder.decode(node);
        if (d instanceof Decoded.Ok ok) {
            return handler.accept(new Item.Good(ref, ok.event()));
        }
        return handler.accept(new Item.Bad(ref, ((Decoded.Bad) d).problem(), node, null, null));
    }

    /** A line written to a cf-sync dead-letter file: reason, file, line, and the event or its raw text. */
    static boolean isDeadLetter(JsonNode n) {
        return n.has("reason") && n.has("file") && n.has("line")
                && (n.has("event") || (n.has("raw") && n.get("raw").isTextual()));
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0b) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unexpected content";
        }
        int nl = s.indexOf('\n');
        String t = nl >= 0 ? s.substring(0, nl) : s;
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
