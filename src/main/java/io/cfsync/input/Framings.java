package io.cfsync.input;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The framings cf-sync reads, in the order they are asked: the first whose {@link Framing#names} matches an input's
 * file name frames it, and NDJSON ({@link LineFrames}) frames everything else, standard input and pipes included.
 * A new format is one line in {@link #KNOWN} (or, for a format known only to a test, one {@link #register} call).
 * Thread-safe.
 */
public final class Framings {
    private static final List<Framing> KNOWN = new CopyOnWriteArrayList<>(List.of(LineFrames.NDJSON));

    private Framings() {
    }

    /** The framing of an input named {@code fileName} (a path, an object key, {@code -}). */
    public static Framing of(String fileName) {
        for (Framing f : KNOWN) {
            if (f.names(fileName)) {
                return f;
            }
        }
        return LineFrames.NDJSON;
    }

    /** Whether some framing reads files so named, without a look at their content. */
    public static boolean named(String fileName) {
        for (Framing f : KNOWN) {
            if (f.names(fileName)) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code framing} ahead of the ones known, for the life of this JVM or until {@link #unregister}. */
    public static void register(Framing framing) {
        KNOWN.add(0, framing);
    }

    public static void unregister(Framing framing) {
        KNOWN.remove(framing);
    }
}
