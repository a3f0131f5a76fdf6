package io.cfsync.cli;

import io.cfsync.report.OutputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything is read or sent, that the files a run will write can be written: not a folder, and in a
 * folder that exists (or can be created) and is writable; or {@code -}, standard output, which only one of them may
 * use, and none while a dry-run prints its requests there. A run that could only fail half-way is refused up front
 * as a usage error. Stateless.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Throws a {@link UsageException} naming {@code option} when {@code file} cannot be written; null passes. */
    static void check(String option, Path file) {
        if (file == null || OutputFile.isStdout(file)) {
            return;
        }
        String what = option + " " + file;
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " is a folder; give a file name");
        }
        if (Files.exists(file)) {
            if (!Files.isWritable(file)) {
                throw new UsageException(what + " is not writable");
            }
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UsageException(what + ": its folder " + parent + " cannot be created"
                    + (existing == null ? "" : " (" + existing + " is not a folder)"));
        }
        if (!Files.isWritable(existing)) {
            throw new UsageException(what + ": the folder " + existing + " is not writable; give " + option
                    + " FILE in a writable folder");
        }
    }

    /**
     * Throws a {@link UsageException} when two writers would share standard output: two of {@code files} (option to
     * path, in order; null paths ignored) are {@code -}, or one is while {@code dryRunPrints}.
     */
    static void oneOnStdout(boolean dryRunPrints, Map<String, Path> files) {
        List<String> onStdout = new ArrayList<>();
        files.forEach((option, file) -> {
            if (OutputFile.isStdout(file)) {
                onStdout.add(option + " -");
            }
        });
        if (onStdout.size() > 1) {
            throw new UsageException(String.join(" and ", onStdout) + " would all write to standard output; give "
                    + "all but one of them a file name");
        }
        if (dryRunPrints && !onStdout.isEmpty()) {
            throw new UsageException(onStdout.get(0) + " would mix with the requests --dry-run prints on standard "
                    + "output; give it a file name");
        }
    }

    /** Option names and their paths, in order (a map that keeps null paths). */
    static Map<String, Path> named(String o1, Path p1, String o2, Path p2, String o3, Path p3) {
        Map<String, Path> m = new java.util.LinkedHashMap<>();
        m.put(o1, p1);
        m.put(o2, p2);
        m.put(o3, p3);
        return m;
    }
}
