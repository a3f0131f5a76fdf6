package io.cfsync.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact text of parts of a JSON line that was already parsed once: the elements of a top-level array field
 * (a batch envelope) or the value of a top-level field (a dead-letter entry's {@code event}). Lets an event be
 * dead-lettered with its bytes as they were, since writing a parsed tree back out can change them
 * ({@code 1.50} becomes {@code 1.5}, escapes are undone, a duplicate key is lost). Stateless and thread-safe.
 */
final class JsonSpans {
    private static final JsonFactory FACTORY = FrameDecoder.MAPPER.getFactory();

    private JsonSpans() {
    }

    /** The texts of the elements of top-level array field {@code field}; the last occurrence wins, like the tree. */
    static List<String> elements(byte[] b, int off, int len, String field) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            if (!toField(p, field, JsonToken.START_ARRAY)) {
                return null;
            }
            do {
                out.clear();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(value(p, b, off));
                }
            } while (toField(p, field, JsonToken.START_ARRAY));
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The texts of the elements of array field {@code field} of the object in top-level field {@code outer} (a
     * RudderStack payload's batch); the last occurrence of each wins, like the tree.
     */
    static List<String> elements(byte[] b, int off, int len, String outer, String field) {
        List<String> out = null;
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            while (toField(p, outer, JsonToken.START_OBJECT)) {
                List<String> found = null;
                while (toField(p, field, JsonToken.START_ARRAY)) {
                    found = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        found.add(value(p, b, off));
                    }
                }
                out = found;
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /** The text of top-level field {@code field}'s value; the last occurrence wins, like the tree. */
    static String field(byte[] b, int off, int len, String field) {
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            String text = null;
            while (toField(p, field, null)) {
                text = value(p, b, off);
            }
            return text;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Moves to the value of the next top-level occurrence of {@code field} (whose first token must be {@code want}
     * when given); false when there is none.
     */
    private static boolean toField(JsonParser p, String field, JsonToken want) throws IOException {
        if (p.currentToken() == null && p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            boolean match = field.equals(p.currentName());
            JsonToken v = p.nextToken();
            if (match && (want == null || v == want)) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    /** The text of the value at the current token, which is left at its last token. */
    private static String value(JsonParser p, byte[] b, int off) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        p.finishToken();
        long end = p.currentLocation().getByteOffset();
        return new String(b, off + (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }
}
