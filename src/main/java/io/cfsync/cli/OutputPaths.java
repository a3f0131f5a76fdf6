package io.cfsync.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything is read or sent, that the files a run will write can be written: not a folder, and in a
 * folder that exists (or can be created) and is writable. A run that could only fail half-way is refused up front
 * as a usage error. Stateless.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Throws a {@link UsageException} naming {@code option} when {@code file} cannot be written; null passes. */
    static void check(String option, Path file) {
        if (file == null) {
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
}
