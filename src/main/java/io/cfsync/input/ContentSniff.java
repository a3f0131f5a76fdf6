package io.cfsync.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Decides from its first bytes whether a file found in a folder (or an object under a prefix) holds events:
 * gzip data (by its magic bytes), or text whose first non-blank line is a JSON object. Names do not matter:
 * Segment's archive files are called {@code <number>.gz}, and a folder may hold a stray {@code .DS_Store}.
 * Stateless.
 */
public final class ContentSniff {
    /** How many bytes are looked at: a first line longer than this only has to open like an object. */
    public static final int WINDOW = 1 << 16;
    private static final JsonFactory JSON = new JsonFactory();

    /** What the first bytes show. */
    public enum Kind {
        GZIP, NDJSON, EMPTY, OTHER;

        /** Whether an input of this kind is read. */
        public boolean events() {
            return this == GZIP || this == NDJSON;
        }
    }

    private ContentSniff() {
    }

    /** @param n how many bytes of {@code head} hold data; fewer than {@link #WINDOW} means the input ended there */
    public static Kind of(byte[] head, int n) {
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Kind.GZIP;
        }
        int i = n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i == n) {
            return n < WINDOW ? Kind.EMPTY : Kind.OTHER;
        }
        if (head[i] != '{') {
            return Kind.OTHER;
        }
        int end = i;
        while (end < n && head[end] != '\n') {
            end++;
        }
        if (end == n && n >= WINDOW) {
            return noControlBytes(head, i, end) ? Kind.NDJSON : Kind.OTHER; // a long first line: it opens well
        }
        return oneObject(head, i, end) ? Kind.NDJSON : Kind.OTHER;
    }

    private static boolean noControlBytes(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} is one JSON object and nothing else but blanks. */
    private static boolean oneObject(byte[] b, int from, int to) {
        try (JsonParser p = JSON.createParser(b, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
