package io.cfsync.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Hidden: writes the man pages of every command into a folder (used by the build and scripts/update-man). */
@Command(name = "gen-man", hidden = true, description = "Writes the man pages into DIR.")
final class GenManCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", defaultValue = "man", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> page : pages(spec.root()).entrySet()) {
            Files.writeString(dir.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
        return ExitCodes.OK;
    }

    /** Every visible command's page and every reference page (section 7), by file name. */
    public static Map<String, String> pages(CommandSpec root) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(ManPage.fileName(root), ManPage.render(root));
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden()) {
                out.put(ManPage.fileName(s), ManPage.render(s));
            }
        }
        out.putAll(ManText.pages(VersionProvider.version()));
        return out;
    }
}
