package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.Main;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** validate, destinations, --help/--version on every command, and the man pages. */
class CommandsTest {
    @TempDir
    Path tmp;

    @Test
    void validatePrintsFileLineReasonAndUsesTheSameExitCodes() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.writeString(in, SendCommandTest.IDENTIFY + "\n\n{\"type\":\"track\",\"userId\":\"u\"}\n[1]\n");
        Cli.Result r = Cli.run("validate", in.toString());
        assertEquals(1, r.exit());
        assertEquals(in + ":3: invalid-event-name: track event has no \"event\" name\n"
                + in + ":4: not-an-object: line is JSON but not an object (an array)\n", r.out());
        assertTrue(r.err().contains("4 lines read"), r.err());
        Files.writeString(in, SendCommandTest.IDENTIFY + "\n");
        assertEquals(0, Cli.run("validate", in.toString()).exit());
    }

    @Test
    void destinationsListsEverySettingFromTheRegistry() {
        Cli.Result r = Cli.run("destinations");
        assertEquals(0, r.exit());
        for (Destination d : Destinations.all()) {
            assertTrue(r.out().contains(d.name() + " (" + d.title() + ")"), d.name());
            for (SettingSpec s : d.settings()) {
                assertTrue(r.out().contains("    " + s.key() + " "), d.name() + "." + s.key());
            }
        }
    }

    @Test
    void everyCommandHasHelpVersionAndExitCodes() {
        for (String cmd : new String[] {"", "send", "validate", "destinations"}) {
            String[] help = cmd.isEmpty() ? new String[] {"--help"} : new String[] {cmd, "--help"};
            Cli.Result r = Cli.run(help);
            assertEquals(0, r.exit(), cmd);
            assertTrue(r.out().contains("Exit codes:"), cmd + ": " + r.out());
            String[] version = cmd.isEmpty() ? new String[] {"--version"} : new String[] {cmd, "--version"};
            assertTrue(Cli.run(version).out().startsWith("cf-sync " + VersionProvider.version()), cmd);
        }
        assertEquals(2, Cli.run().exit(), "no command is a usage error");
    }

    /** The committed man pages are exactly what the command-line model generates. */
    @Test
    void manPagesAreFresh() throws Exception {
        CommandLine cl = Main.commandLine(new Context(java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream(), System.err, Map.of()));
        Map<String, String> pages = GenManCommand.pages(cl.getCommandSpec());
        Path man = Paths.get("man");
        Map<String, String> committed = new TreeMap<>();
        if (Files.isDirectory(man)) {
            try (Stream<Path> s = Files.list(man)) {
                for (Path p : s.filter(p -> p.toString().matches(".*\\.[17]")).toList()) {
                    committed.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        String hint = " is stale: run scripts/update-man and commit man/";
        assertEquals(new TreeMap<>(pages).keySet(), committed.keySet(), "man pages" + hint);
        for (Map.Entry<String, String> e : pages.entrySet()) {
            assertEquals(e.getValue(), committed.get(e.getKey()), "man/" + e.getKey() + hint);
        }
        assertTrue(pages.get("cf-sync-send.1").contains(".SH EXIT STATUS"));
    }
}
