package io.cfsync.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns command-line arguments into inputs in a stable order: files as given, folders walked recursively and
 * sorted by path ({@code *.ndjson}, {@code *.jsonl}, {@code *.json}, each optionally {@code .gz}), {@code -} for
 * standard input; no argument means standard input.
 */
public final class Inputs {
    private static final String[] SUFFIXES = {".ndjson", ".jsonl", ".json"};

    private Inputs() {
    }

    public static List<InputSource> resolve(List<String> args) throws InputException {
        List<InputSource> out = new ArrayList<>();
        if (args == null || args.isEmpty()) {
            out.add(new InputSource(InputSource.STDIN, null));
            return out;
        }
        for (String a : args) {
            if (a.equals(InputSource.STDIN)) {
                out.add(new InputSource(InputSource.STDIN, null));
                continue;
            }
            Path p = Paths.get(a);
            if (Files.isDirectory(p)) {
                out.addAll(walk(a, p));
            } else if (Files.isReadable(p)) {
                out.add(new InputSource(a, p));
            } else {
                throw new InputException(Files.exists(p) ? "cannot read input " + a : "no such file or folder: " + a);
            }
        }
        return out;
    }

    private static List<InputSource> walk(String given, Path dir) throws InputException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(Inputs::eventFile).sorted().toList();
            List<InputSource> out = new ArrayList<>(files.size());
            for (Path f : files) {
                String rel = dir.relativize(f).toString();
                String name = given.endsWith("/") ? given + rel : given + "/" + rel;
                out.add(new InputSource(name, f));
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException("cannot list folder " + given + ": " + e.getMessage());
        }
    }

    static boolean eventFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        for (String s : SUFFIXES) {
            if (n.endsWith(s)) {
                return true;
            }
        }
        return false;
    }
}
