package io.cfsync.cli;

/**
 * A command-line problem found after parsing (e.g. an unknown destination). Exit code 2. It is told in one line;
 * unless it is about a file named on the command line (a config file that is missing or broken), a second line
 * points to the command's help.
 */
final class UsageException extends RuntimeException {
    private final boolean pointsToHelp;

    UsageException(String message) {
        this(message, true);
    }

    private UsageException(String message, boolean pointsToHelp) {
        super(message);
        this.pointsToHelp = pointsToHelp;
    }

    /** A problem with a file rather than with the command line: said in one line, without the help hint. */
    static UsageException inFile(String message) {
        return new UsageException(message, false);
    }

    boolean pointsToHelp() {
        return pointsToHelp;
    }
}
