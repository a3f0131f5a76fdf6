package io.cfsync.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import io.cfsync.report.PlainWords;

/** Tells an unexpected failure in words for people: never a Java class name or a stack trace. Stateless. */
final class Failures {
    private Failures() {
    }

    /** What went wrong, in one line. */
    public static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null && ex.getMessage() == null
                ? ex.getCause() : ex;
        if (t instanceof FileSystemException f) {
            String what = t instanceof NoSuchFileException ? "no such file or folder"
                    : t instanceof AccessDeniedException ? "permission denied"
                    : f.getReason() != null ? PlainWords.of(f.getReason()) : "cannot use the file";
            return what + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
        }
        String m = PlainWords.of(t.getMessage());
        if (m.isEmpty() && t.getCause() != null && t.getCause() != t) {
            return describe(t.getCause());
        }
        return m.isEmpty() ? "unexpected internal error" : m;
    }

}
