package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.Main;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Every command's {@code --help} at 80 columns keeps paths and other tokens with a {@code /} or {@code ~} whole
 * on one line, so that they can be read and copied.
 */
@Timeout(30)
class HelpWrapTest {
    @Test
    void noPathIsSplitAcrossLinesInAnyCommandsHelp() {
        CommandLine root = Main.commandLine(new Context(java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream(), System.err, Map.of()));
        List<String> split = new ArrayList<>();
        List<CommandLine> all = new ArrayList<>(List.of(root));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values().stream().filter(c -> !all.contains(c)).toList());
        }
        for (CommandLine c : all) {
            split.addAll(splitTokens(c));
        }
        assertTrue(all.size() > 5, "every command was looked at: " + all.size());
        assertTrue(split.isEmpty(), "tokens split by wrapping at 80 columns:\n" + String.join("\n", split));
    }

    /** Lines that begin or end with a piece of a token that, unwrapped, contains a '/' or '~'. */
    private static List<String> splitTokens(CommandLine c) {
        c.setUsageHelpWidth(1000);
        Set<String> whole = new HashSet<>(List.of(c.getUsageMessage().split("\\s+")));
        c.setUsageHelpWidth(80);
        String[] lines = c.getUsageMessage().split("\n");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] tokens = line.trim().split("\\s+");
            for (String t : new String[] {tokens[0], tokens[tokens.length - 1]}) {
                if ((t.contains("/") || t.contains("~")) && !whole.contains(t)) {
                    out.add(c.getCommandName() + ": " + line);
                }
            }
        }
        return out;
    }
}
