package io.cfsync.state;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * Puts a failed ledger operation into words a person can act on: what went wrong with which file, never a driver
 * class name or an error-code dump. Stateless; thread-safe.
 */
final class LedgerErrors {
    private static final int BUSY = 5;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private LedgerErrors() {
    }

    /** @param what the operation in words: {@code write}, {@code read}, {@code lock}, … */
    static LedgerException of(Path file, String what, SQLException e) {
        return new LedgerException(describe(file, what, e), e);
    }

    static String describe(Path file, String what, SQLException e) {
        return switch (primaryCode(e)) {
            case FULL -> "disk full: cannot write the ledger " + file;
            case READONLY -> "cannot write the ledger " + file + ": read-only";
            case CORRUPT, NOTADB -> "the ledger " + file + " is damaged: restore it from a backup, or move it "
                    + "away to start over (the next run then sends every event again)";
            case BUSY -> "the ledger " + file + " is busy: another process held it for too long";
            case IOERR -> "cannot " + what + " the ledger " + file + ": input/output error";
            case CANTOPEN -> readOnly(file) ? "cannot write the ledger " + file + ": read-only"
                    : "cannot open the ledger " + file + ": check that its folder exists and is writable";
            default -> "cannot " + what + " the ledger " + file + ": " + plain(e.getMessage());
        };
    }

    /** A WAL ledger needs its folder writable too (for its log): on a read-only mount SQLite cannot open it. */
    private static boolean readOnly(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return java.nio.file.Files.exists(file)
                && (!java.nio.file.Files.isWritable(file) || dir != null && !java.nio.file.Files.isWritable(dir));
    }

    static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException s) {
            return s.getResultCode().code & 0xff;
        }
        return e.getErrorCode() & 0xff;
    }

    /** The driver's message without its bracketed code name: {@code [SQLITE_X] Summary (detail)} → detail. */
    static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String m = message.trim();
        if (m.startsWith("[")) {
            int close = m.indexOf(']');
            m = close > 0 ? m.substring(close + 1).trim() : m;
        }
        int open = m.indexOf('(');
        if (open > 0 && m.endsWith(")")) {
            m = m.substring(open + 1, m.length() - 1);
        }
        return m;
    }
}
