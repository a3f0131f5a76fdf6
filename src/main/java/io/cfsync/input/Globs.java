package io.cfsync.input;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Glob patterns a shell passed on unexpanded (quoted in a cron line, or matching nothing):
 * {@code 'archive/2024-*}{@code /*.gz'}. The folder before the first wildcard is walked and every path under it
 * that the pattern matches is taken, in sorted order: files as found in a folder, folders walked whole. A pattern
 * that matches nothing is an error that names it. Stateless.
 */
final class Globs {
    private Globs() {
    }

    static boolean isPattern(String a) {
        return a.indexOf('*') >= 0 || a.indexOf('?') >= 0 || a.indexOf('[') >= 0 || a.indexOf('{') >= 0;
    }

    static List<InputSource> expand(String pattern, Pruning pruning) throws InputException {
        int wild = firstWildcard(pattern);
        int slash = pattern.lastIndexOf('/', wild);
        String baseText = slash < 0 ? "" : pattern.substring(0, slash + 1);
        Path base = Paths.get(baseText.isEmpty() ? "." : baseText);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(slash + 1));
        List<Path> hits;
        try (Stream<Path> s = Files.isDirectory(base) ? Files.walk(base) : Stream.empty()) {
            hits = s.filter(p -> !p.equals(base) && m.matches(base.relativize(p))).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException("cannot list folder " + base + " for " + pattern + ": " + e.getMessage());
        }
        List<InputSource> out = new ArrayList<>();
        for (Path p : hits) {
            String name = baseText + RawNames.slashed(base.relativize(p));
            if (Files.isDirectory(p)) {
                if (hits.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q))) { // not inside another match
                    out.addAll(FolderWalk.collect(name, p, pruning));
                }
            } else if (hits.stream().noneMatch(q -> Files.isDirectory(q) && p.startsWith(q))) {
                out.add(FolderWalk.classify(name, p, pruning));
            }
        }
        if (hits.isEmpty()) {
            throw new InputException("no input matches " + pattern + ": no file or folder fits the pattern");
        }
        LeftOut.requireSome(pattern, out, "pattern");
        return out;
    }

    private static int firstWildcard(String p) {
        int i = 0;
        while (i < p.length() && "*?[{".indexOf(p.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
