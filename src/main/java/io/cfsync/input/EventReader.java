package io.cfsync.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.event.Decoded;
import io.cfsync.event.EventDecoder;
import io.cfsync.event.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Streams one input as {@link Item}s, in line order: decodes each line (strict UTF-8, one JSON value), unwraps
 * Segment batch envelopes ({@code {"batch":[…]}}) and RudderStack backup lines ({@link ArchiveEnvelope}), every
 * element keeping the line number and its index in the batch, and dead-letter entries written by cf-sync (their
 * {@code event} is replayed), and validates every event. A source's write key never leaves the reader. Bad lines become
 * {@link Item.Bad} values, so one never stops a run: a line longer than the reader's limit among them
 * ({@code line-too-long}), which is streamed past without being held; an input that is binary, or whose gzip
 * data is damaged, ends
 * with an {@link InputDataException} naming it (after its lines before the damage were handed over); other I/O
 * failures throw as they are. Not thread-safe; use one per thread.
 */
public final class EventReader {
    /** Receives items; returns false to stop reading. */
    @FunctionalInterface
    public interface Handler {
        boolean accept(Item item);
    }

    /**
     * The parser's nesting limit: an event's own limit plus the levels of the envelopes that may wrap it (at most
     * a dead-letter entry's object around a RudderStack line's object, payload object and batch array); each event
     * is then held to its own limit.
     */
    static final int MAX_LINE_DEPTH = EventDecoder.MAX_DEPTH + 4;

    /**
     * The longest line read by default, in bytes: 32 times the largest call a destination takes (Customer.io: 32 KB
     * per entity; Segment's own API: 32 KB per call, 500 KB per batch, so every Segment archive line fits). A line
     * this long with its parse tree stays a few tens of MB, well inside the 256 MB heap cf-sync starts with.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_LINE_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final EventDecoder decoder = new EventDecoder();
    private final FiniteWatch nodes = new FiniteWatch();
    private final ObjectReader trees = MAPPER.reader().with(nodes);
    private final ReadMeter meter;
    private final int maxLine;

    public EventReader() {
        this(ReadMeter.NONE);
    }

    /** A reader whose inputs' bytes are counted by {@code meter}. */
    public EventReader(ReadMeter meter) {
        this(meter, DEFAULT_MAX_LINE_BYTES);
    }

    /** As {@link #EventReader(ReadMeter)}; a line longer than {@code maxLineBytes} becomes {@code line-too-long}. */
    public EventReader(ReadMeter meter, int maxLineBytes) {
        this.meter = meter;
        this.maxLine = maxLineBytes;
    }

    /**
     * Reads {@code source}, skipping lines up to and including {@code skipThrough} (0 reads everything).
     *
     * @return the number of the last line read (a line counts once every item of it was handed over)
     * @throws InputDataException when the input is binary or its gzip data is damaged
     */
    public long read(InputSource source, InputStream stdin, long skipThrough, Handler handler) throws IOException {
        return read(source, stdin, skipThrough, null, handler);
    }

    /** As {@link #read(InputSource, InputStream, long, Handler)}; {@code tap}, when not null, sees every line end. */
    public long read(InputSource source, InputStream stdin, long skipThrough, ByteTap tap, Handler all)
            throws IOException {
        long lineNo = 0;
        Handler handler = meter == ReadMeter.NONE ? all : item -> {
            meter.item();
            return all.accept(item);
        };
        try (InputStream in = source.open(stdin, meter)) {
            byte[] head = TextSniff.head(in, !source.isStream());
            if (TextSniff.binary(head)) {
                throw new InputDataException("binary", source.name() + ": not text (binary data); skipped");
            }
            LineReader lines = new LineReader(new SequenceInputStream(new ByteArrayInputStream(head), in), maxLine);
            if (tap != null) {
                lines.digest(ByteTap.sha256());
            }
            while (lines.next()) {
                lineNo++;
                if (tap != null) {
                    tap.lineEnd(lineNo, lines.endOffset(), lines::digestSnapshot);
                }
                if (lineNo <= skipThrough) {
                    continue;
                }
                SourceRef ref = new SourceRef(source.name(), lineNo);
                if (lines.tooLong() >= 0 ? !handler.accept(LongLines.item(ref, lines.tooLong(), lines.head(), maxLine))
                        : !line(ref, lines.buffer(), lines.lineStart(), lines.lineLength(), handler)) {
                    return lineNo;
                }
            }
            if (tap != null) {
                tap.end(lineNo, lines.endOffset(), lines::digestSnapshot);
            }
            return lineNo;
        } catch (GzipDamage e) {
            throw e.truncated()
                    ? new InputDataException("gzip-truncated", source.name() + ": gzip data ends early after line "
                            + lineNo)
                    : new InputDataException("gzip-corrupt", source.name() + ": gzip data is corrupt after line "
                            + lineNo);
        }
    }

    /**
     * Reads one record that holds a single line's bytes (a message handed over by a host rather than read from a
     * file), exactly as a line of a file: the same decoding, envelopes and problems. Yields one item, or one per
     * element of a batch envelope, all with {@code ref}.
     */
    public void readRecord(SourceRef ref, byte[] bytes, Handler handler) {
        line(ref, bytes, 0, bytes.length, handler);
    }

    private boolean line(SourceRef ref, byte[] buf, int off, int len, Handler handler) {
        if (len >= 3 && (buf[off] & 0xff) == 0xef && (buf[off + 1] & 0xff) == 0xbb && (buf[off + 2] & 0xff) == 0xbf) {
            // A byte-order mark opening any line (files joined with cat) is skipped, as Jackson would skip it.
            off += 3;
            len -= 3;
        }
        if (blank(buf, off, len)) {
            return handler.accept(new Item.Blank(ref));
        }
        int opens = Utf8.scan(buf, off, len);
        if (opens < 0) {
            boolean nul = opens == Utf8.NUL;
            byte[] copy = Arrays.copyOfRange(buf, off, off + len);
            Problem p = nul ? Problem.of("not-json", "line holds NUL bytes (binary data), not JSON text")
                    : Problem.of("invalid-utf8", "line is not valid UTF-8");
            copy = WriteKeys.scrub(copy);
            return handler.accept(new Item.Bad(ref, p, null, new String(copy, StandardCharsets.UTF_8), copy));
        }
        JsonNode node;
        try {
            // No NUL byte in the line, so Jackson's encoding detection can only find UTF-8.
            nodes.reset();
            node = trees.readTree(buf, off, len);
        } catch (StreamConstraintsException e) {
            return handler.accept(new Item.Bad(ref, tooLarge(e), null, shown(buf, off, len), null));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            // The parser quotes the text it stopped at, which in an envelope may be a write key.
            String why = WriteKeys.mentions(text(buf, off, len)) ? "" : ": " + firstLine(e.getOriginalMessage());
            return handler.accept(new Item.Bad(ref, Problem.of("invalid-json", "not valid JSON" + at + why), null,
                    shown(buf, off, len), null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return handler.accept(new Item.Bad(ref, Problem.of("invalid-json", "no JSON value"), null,
                    shown(buf, off, len), null));
        }
        // Too few brackets to nest too deeply and no infinite number: the event limits hold without a walk.
        boolean withinLimits = opens <= EventDecoder.MAX_DEPTH && !nodes.sawNonFinite();
        return value(ref, node, buf, off, len, withinLimits, handler);
    }

    /** A line beyond a parser limit; Jackson's own message names its classes, so it is put in words here. */
    private static Problem tooLarge(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("nesting depth")) {
            return Problem.of("too-deeply-nested", "objects and arrays nested deeper than " + EventDecoder.MAX_DEPTH
                    + " levels");
        }
        if (m.contains("number")) {
            return Problem.of("number-out-of-range", "a number has too many digits");
        }
        return Problem.of("too-large", "a name or value is longer than cf-sync reads");
    }

    /** Decodes one JSON line, unwrapping batch envelopes and dead-letter entries; keeps each event's exact text. */
    private boolean value(SourceRef ref, JsonNode node, byte[] buf, int off, int len, boolean withinLimits,
                          Handler handler) {
        if (node != null && node.isObject() && !node.has("type")) {
            JsonNode batch = node.get("batch");
            if (batch != null && batch.isArray()) {
                List<String> texts = JsonSpans.elements(buf, off, len, "batch");
                return elements(ref, batch, texts != null && texts.size() == batch.size() ? texts : null, null,
                        withinLimits, handler);
            }
            String payloadKey = ArchiveEnvelope.payloadKey(node);
            if (payloadKey != null) {
                ArchiveEnvelope.Opened env = ArchiveEnvelope.open((ObjectNode) node, payloadKey, buf, off, len);
                if (env.problem() != null) {
                    return handler.accept(new Item.Bad(ref, env.problem(), env.shown(), null, null));
                }
                return elements(ref, env.batch(), env.texts(), env.receivedAt(), withinLimits, handler);
            }
            if (isDeadLetter(node)) {
                JsonNode ev = node.get("event");
                if (ev == null && LongLines.CODE.equals(node.path("reason").asText())) {
                    return handler.accept(LongLines.replayed(ref, node));
                }
                if (ev != null && ev.isObject() && !ev.has("type")) {
                    // An envelope dead-lettered whole: read its text again as the line it was.
                    String evText = JsonSpans.field(buf, off, len, "event");
                    byte[] bytes = (evText != null ? evText : ev.toString()).getBytes(StandardCharsets.UTF_8);
                    return line(ref, bytes, 0, bytes.length, handler);
                }
                if (ev != null) {
                    return decodeOne(ref, ev, JsonSpans.field(buf, off, len, "event"), withinLimits, handler);
                }
                JsonNode b64 = node.get("rawBase64");
                byte[] bytes = b64 != null && b64.isTextual()
                        ? java.util.Base64.getDecoder().decode(b64.textValue())
                        : node.get("raw").asText().getBytes(StandardCharsets.UTF_8);
                return line(ref, bytes, 0, bytes.length, handler);
            }
        }
        if (node != null && node.isObject() && !node.has("type") && WriteKeys.mentions(text(buf, off, len))) {
            // Not an event, and it may be an envelope whose batch is broken: never show its write key.
            return decodeOne(ref, ArchiveEnvelope.withoutWriteKeys(node), null, withinLimits, handler);
        }
        return decodeOne(ref, node, text(buf, off, len), withinLimits, handler);
    }

    /**
     * The events of one batch, each with its index; {@code receivedAt} (or null) is the envelope's, for elements
     * that have none. Stops early when the handler asks.
     */
    private boolean elements(SourceRef ref, JsonNode batch, List<String> texts, String receivedAt,
                             boolean withinLimits, Handler handler) {
        for (int i = 0; i < batch.size(); i++) {
            JsonNode element = batch.get(i);
            String text = ArchiveEnvelope.fillReceivedAt(element, texts == null ? null : texts.get(i), receivedAt);
            if (!decodeOne(ref.element(i), element, text, withinLimits, handler)) {
                return false;
            }
        }
        return true;
    }

    private boolean decodeOne(SourceRef ref, JsonNode node, String text, boolean withinLimits, Handler handler) {
        Decoded d = decoder.decode(node, withinLimits);
        if (d instanceof Decoded.Ok ok) {
            return handler.accept(new Item.Good(ref, ok.event(), text));
        }
        return handler.accept(new Item.Bad(ref, ((Decoded.Bad) d).problem(), node, text, null));
    }

    /** A line written to a cf-sync dead-letter file: reason, file, line, and the event or its raw text. */
    static boolean isDeadLetter(JsonNode n) {
        return n.has("reason") && n.has("file") && n.has("line")
                && (n.has("event") || (n.has("raw") && n.get("raw").isTextual()));
    }

    /** The text of a line that is shown or written again as it is, any write key in it taken out. */
    private static String shown(byte[] b, int off, int len) {
        return WriteKeys.scrub(text(b, off, len));
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
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
