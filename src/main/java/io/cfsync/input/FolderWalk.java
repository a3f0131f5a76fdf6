package io.cfsync.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks a folder recursively into inputs sorted by path. A file is read when its name says it holds events (a
 * name a {@link Framing} reads: {@code .ndjson}, {@code .jsonl}, {@code .json}, optionally {@code .gz}) or its
 * content does
 * ({@link ContentSniff}: gzip, or a first line that is a JSON object); a file whose path proves it outside the
 * time window ({@link Pruning}) is left out before it is opened; anything else is left out with its reason. A
 * folder that yields no input at all is an error. Stateless.
 */
final class FolderWalk {
    /** Opens a file to look at its first bytes; a test swaps it to count what is opened. */
    interface Opener {
        InputStream open(Path p) throws IOException;
    }

    static volatile Opener opener = Files::newInputStream;

    private FolderWalk() {
    }

    static List<InputSource> walk(String given, Path dir, Pruning pruning) throws InputException {
        List<InputSource> out = collect(given, dir, pruning);
        LeftOut.requireSome(given, out, "folder");
        return out;
    }

    /** As {@link #walk}, without the check that something was found. */
    static List<InputSource> collect(String given, Path dir, Pruning pruning) throws InputException {
        Map<Path, String> found = list(given, dir);
        List<InputSource> out = new ArrayList<>(found.size());
        for (Map.Entry<Path, String> e : found.entrySet()) {
            // Its bytes shown exactly: names that differ only in bytes that are not UTF-8 stay two inputs.
            String rel = RawNames.slashed(dir.relativize(e.getKey()));
            String name = given.endsWith("/") ? given + rel : given + "/" + rel;
            out.add(e.getValue() != null ? InputSource.leftOut(name, e.getValue())
                    : classify(name, e.getKey(), pruning));
        }
        return out;
    }

    /** A file found in a folder or by a pattern: read, or left out with the reason. */
    static InputSource classify(String name, Path file, Pruning pruning) {
        if (pruning.outside(slashed(file))) {
            return InputSource.leftOut(name, LeftOut.OUTSIDE);
        }
        if (Inputs.eventFile(file) && Files.isReadable(file)) {
            return new InputSource(name, file);
        }
        byte[] head = new byte[ContentSniff.WINDOW];
        int n;
        try (InputStream in = opener.open(file)) {
            n = firstLine(in, head);
        } catch (IOException e) {
            return InputSource.leftOut(name, LeftOut.UNREADABLE);
        }
        ContentSniff.Kind kind = ContentSniff.of(head, n);
        if (kind.events()) {
            return new InputSource(name, file);
        }
        return InputSource.leftOut(name, kind == ContentSniff.Kind.EMPTY ? LeftOut.EMPTY : LeftOut.NOT_EVENTS);
    }

    /**
     * Reads just enough to judge the content: two bytes for gzip, else up to the end of the first non-blank line
     * (at most the window). A folder of ten thousand archive files is not read twice over.
     */
    private static int firstLine(InputStream in, byte[] head) throws IOException {
        int n = in.readNBytes(head, 0, 2);
        if (n < 2 || ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b)) {
            return n;
        }
        boolean text = false;
        int checked = 0;
        while (n < head.length) {
            for (; checked < n; checked++) {
                byte b = head[checked];
                if (b == '\n' && text) {
                    return n;
                }
                text |= b > ' '; // ASCII only: a byte-order mark is not yet the line
            }
            int r = in.read(head, n, Math.min(4096, head.length - n));
            if (r < 0) {
                return n;
            }
            n += r;
        }
        return n;
    }

    /** Every regular file under {@code dir}, sorted, each with null or the reason it cannot be read. */
    private static Map<Path, String> list(String given, Path dir) throws InputException {
        Map<Path, String> found = new TreeMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.put(file, null);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.put(file, LeftOut.UNREADABLE); // an unreadable subfolder or file: named, the walk goes on
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException("cannot list folder " + given + ": " + e.getMessage());
        }
        return found;
    }

    /** The absolute path with {@code /} between its parts: what the layouts are matched against. */
    static String slashed(Path p) {
        return p.toAbsolutePath().normalize().toString().replace('\\', '/');
    }
}
