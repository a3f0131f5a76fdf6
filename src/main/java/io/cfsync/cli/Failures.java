package io.cfsync.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Pattern;

/** Tells an unexpected failure in words for people: never a Java class name or a stack trace. Stateless. */
public final class Failures {
    /** A qualified or bare Java type name as libraries put them in messages, with the colon after it. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*)?|\\b[A-Z][\\w$]*(?:Exception|Error)\\b(?::\\s*)?");

    private Failures() {
    }

    /** What went wrong, in one line. */
    public static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null && ex.getMessage() == null
                ? ex.getCause() : ex;
        if (t instanceof FileSystemException f) {
            String what = t instanceof NoSuchFileException ? "no such file or folder"
                    : t instanceof AccessDeniedException ? "permission denied"
                    : f.getReason() != null ? plain(f.getReason()) : "cannot use the file";
            return what + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
        }
        String m = plain(t.getMessage());
        if (m.isEmpty() && t.getCause() != null && t.getCause() != t) {
            return describe(t.getCause());
        }
        return m.isEmpty() ? "unexpected internal error" : m;
    }

    /** {@code message} without class names; "" when nothing is left. */
    static String plain(String message) {
        if (message == null) {
            return "";
        }
        return CLASS_NAME.matcher(message).replaceAll("").replaceAll("\\s+", " ")
                .replaceAll("^[\\s:;,-]+", "").trim();
    }
}
