package io.cfsync.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML syntax error in the config file, in one line: the file, the line and column of the problem, and what the
 * YAML reader found there, without its excerpt of the file (which may hold a key). Stateless.
 */
final class YamlErrors {
    /** The YAML reader's own marks: {@code  in 'reader', line 4, column 4:}. */
    private static final Pattern MARK = Pattern.compile("^\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*$");

    private YamlErrors() {
    }

    static UsageException of(Path file, JsonProcessingException e) {
        String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String[] lines = text.split("\n");
        // The last mark is where the reader stopped; the line before it says what it found there.
        for (int i = lines.length - 1; i > 0; i--) {
            Matcher m = MARK.matcher(lines[i]);
            if (m.matches()) {
                String problem = lines[i - 1].trim();
                String context = lines[0].trim().startsWith("while ") && i - 1 > 0 ? " (" + lines[0].trim() + ")"
                        : "";
                return UsageException.inFile("config file " + file + ", line " + m.group(1) + ", column "
                        + m.group(2) + ": not valid YAML: " + problem + context);
            }
        }
        JsonLocation loc = e.getLocation();
        String first = lines.length == 0 || lines[0].isBlank() ? "not valid YAML" : lines[0].trim();
        return UsageException.inFile("config file " + file + (loc == null || loc.getLineNr() < 1 ? ""
                : ", line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": " + first);
    }
}
