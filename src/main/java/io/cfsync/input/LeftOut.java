package io.cfsync.input;

import java.util.List;

/**
 * Why a file or object found under a folder, pattern or prefix is not read (the words the summary counts by), and
 * the rule that such a place must yield some input. Stateless.
 */
public final class LeftOut {
    /** Its path proves its events were received outside the time window (with the slack). */
    public static final String OUTSIDE = "outside-window";
    /** Neither gzip nor text starting with a JSON object line. */
    public static final String NOT_EVENTS = "not-event-data";
    /** No bytes (or only blanks). */
    public static final String EMPTY = "empty";
    /** It could not be opened or listed. */
    public static final String UNREADABLE = "unreadable";

    private LeftOut() {
    }

    /**
     * Fails when {@code what} ({@code given}: a folder, pattern or prefix) yielded no input: nothing in it, or
     * nothing readable. Inputs left out by the time window alone are no error: the window chose them.
     */
    public static void requireSome(String given, List<InputSource> out, String what) throws InputException {
        boolean some = out.stream().anyMatch(s -> s.isRead() || OUTSIDE.equals(s.leftOut()));
        if (some) {
            return;
        }
        String looked = "looked for .ndjson, .jsonl and .json files, gzip-compressed or not, and files of any name "
                + "holding gzip data or starting with a line that is a JSON object";
        if (out.isEmpty()) {
            throw new InputException("no input in " + what + " " + given + ": it holds no files (" + looked + ")");
        }
        StringBuilder why = new StringBuilder();
        for (int i = 0; i < out.size() && i < 3; i++) {
            why.append(i == 0 ? "" : ", ").append(out.get(i).name()).append(" (").append(out.get(i).leftOut())
                    .append(')');
        }
        throw new InputException("no input in " + what + " " + given + ": none of its " + out.size()
                + (out.size() == 1 ? " file" : " files") + " holds events: " + why + (out.size() > 3 ? ", …" : "")
                + " (" + looked + ")");
    }
}
