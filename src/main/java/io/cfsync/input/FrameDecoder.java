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
import io.cfsync.event.Decoded;
import io.cfsync.event.EventDecoder;
import io.cfsync.event.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one frame's bytes, whatever framing cut them: strict UTF-8, one JSON value, the {@link Envelopes} around
 * it opened (every element of a batch keeping the frame's number and its index), and every event validated. Bad
 * frames become {@link Item.Bad} values, their text shown with any write key taken out. Not thread-safe; one per
 * thread.
 */
final class FrameDecoder {
    /**
     * The parser's nesting limit: an event's own limit plus the levels of the envelopes that may wrap it (at most
     * a dead-letter entry's object around a RudderStack line's object, payload object and batch array); each event
     * is then held to its own limit.
     */
    static final int MAX_DEPTH = EventDecoder.MAX_DEPTH + 4;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final EventDecoder decoder = new EventDecoder();
    private final FiniteWatch nodes = new FiniteWatch();
    private final ObjectReader trees = MAPPER.reader().with(nodes);

    /** Hands over the items of frame {@code buf[off, off + len)}; false when the handler asked to stop. */
    boolean frame(SourceRef ref, byte[] buf, int off, int len, EventReader.Handler handler) {
        if (len >= 3 && (buf[off] & 0xff) == 0xef && (buf[off + 1] & 0xff) == 0xbb && (buf[off + 2] & 0xff) == 0xbf) {
            // A byte-order mark opening any frame (files joined with cat) is skipped, as Jackson would skip it.
            off += 3;
            len -= 3;
        }
        if (blank(buf, off, len)) {
            return handler.accept(new Item.Blank(ref));
        }
        int opens = Utf8.scan(buf, off, len);
        if (opens < 0) {
            return handler.accept(notText(ref, buf, off, len, opens == Utf8.NUL));
        }
        JsonNode node;
        try {
            // No NUL byte in the frame, so Jackson's encoding detection can only find UTF-8.
            nodes.reset();
            node = trees.readTree(buf, off, len);
        } catch (StreamConstraintsException e) {
            return handler.accept(new Item.Bad(ref, tooLarge(e), null, shown(buf, off, len), null));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            // The parser quotes the text it stopped at, which in an envelope may be a write key.
            String why = WriteKeys.mentions(Envelopes.text(buf, off, len)) ? ""
                    : ": " + firstLine(e.getOriginalMessage());
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
        return opened(ref, Envelopes.open(node, buf, off, len), withinLimits, handler);
    }

    private boolean opened(SourceRef ref, Envelopes.Opened value, boolean withinLimits, EventReader.Handler handler) {
        if (value instanceof Envelopes.One one) {
            return decodeOne(ref, one.value(), one.text(), withinLimits, handler);
        }
        if (value instanceof Envelopes.Batch b) {
            return elements(ref, b, withinLimits, handler);
        }
        if (value instanceof Envelopes.Broken broken) {
            return handler.accept(new Item.Bad(ref, broken.problem(), broken.shown(), null, null));
        }
        if (value instanceof Envelopes.TooLong tooLong) {
            return handler.accept(LongLines.replayed(ref, tooLong.entry()));
        }
        byte[] again = ((Envelopes.Again) value).bytes();
        return frame(ref, again, 0, again.length, handler);
    }

    /** A frame that is not UTF-8 text, or holds NUL bytes: kept as its exact bytes, any write key taken out. */
    private static Item.Bad notText(SourceRef ref, byte[] buf, int off, int len, boolean nul) {
        byte[] copy = WriteKeys.scrub(Arrays.copyOfRange(buf, off, off + len));
        Problem p = nul ? Problem.of("not-json", "line holds NUL bytes (binary data), not JSON text")
                : Problem.of("invalid-utf8", "line is not valid UTF-8");
        return new Item.Bad(ref, p, null, new String(copy, StandardCharsets.UTF_8), copy);
    }

    /** A frame beyond a parser limit; Jackson's own message names its classes, so it is put in words here. */
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

    /** The events of one batch, each with its index; stops early when the handler asks. */
    private boolean elements(SourceRef ref, Envelopes.Batch b, boolean withinLimits, EventReader.Handler handler) {
        for (int i = 0; i < b.batch().size(); i++) {
            JsonNode element = b.batch().get(i);
            String text = Envelopes.fillReceivedAt(element, b.texts() == null ? null : b.texts().get(i),
                    b.receivedAt());
            if (!decodeOne(ref.element(i), element, text, withinLimits, handler)) {
                return false;
            }
        }
        return true;
    }

    private boolean decodeOne(SourceRef ref, JsonNode node, CharSequence text, boolean withinLimits,
                              EventReader.Handler handler) {
        Decoded d = decoder.decode(node, withinLimits);
        if (d instanceof Decoded.Ok ok) {
            return handler.accept(new Item.Good(ref, ok.event(), text));
        }
        return handler.accept(new Item.Bad(ref, ((Decoded.Bad) d).problem(), node,
                text == null ? null : text.toString(), null));
    }

    /** The text of a frame that is shown or written again as it is, any write key in it taken out. */
    private static String shown(byte[] b, int off, int len) {
        return WriteKeys.scrub(Envelopes.text(b, off, len));
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
