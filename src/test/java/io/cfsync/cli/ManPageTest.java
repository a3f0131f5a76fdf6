package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.Main;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import io.cfsync.dest.Settings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The man pages say what a person needs beyond the options: environment, files, exit status, examples. */
class ManPageTest {
    private static Map<String, String> pages() {
        CommandLine cl = Main.commandLine(new Context(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream()), Map.of()));
        return GenManCommand.pages(cl.getCommandSpec());
    }

    @Test
    void theMainAndSendPagesHaveEnvironmentFilesExitStatusAndExamples() {
        Map<String, String> pages = pages();
        for (String page : List.of("cf-sync.1", "cf-sync-send.1")) {
            String p = pages.get(page);
            for (String section : List.of(".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", ".SH EXAMPLES")) {
                assertTrue(p.contains("\n" + section + "\n"), page + " lacks " + section);
            }
            assertTrue(p.indexOf(".SH EXIT STATUS") < p.indexOf(".SH ENVIRONMENT")
                    && p.indexOf(".SH FILES") < p.indexOf(".SH EXAMPLES")
                    && p.indexOf(".SH EXAMPLES") < p.indexOf(".SH SEE ALSO"), page + ": sections in man(7) order");
            for (String name : List.of("CF_SYNC_JAVA_OPTS", "XDG_STATE_HOME", "XDG_CONFIG_HOME",
                    "$XDG_CONFIG_HOME/cf\\-sync/config.yaml", "$XDG_STATE_HOME/cf\\-sync/\\fIDEST\\fR.db",
                    "cf\\-sync\\-dead\\-letter.ndjson", "{\"reason\":\"invalid\\-timestamp\",\"detail\":")) {
                assertTrue(p.contains(name), page + " lacks " + name);
            }
            for (Destination d : Destinations.all()) {
                for (SettingSpec s : d.settings()) {
                    assertTrue(p.contains(ManPage.esc(Settings.envName(d.name(), s.key()))),
                            page + " lacks the variable of " + d.name() + " " + s.key());
                }
            }
        }
    }

    /** check is run before a first send: its page shows how, and which variables it reads. */
    @Test
    void theCheckAndCompletionPagesHaveExamplesAndCheckItsEnvironment() {
        Map<String, String> pages = pages();
        String check = pages.get("cf-sync-check.1");
        assertTrue(check.contains("\n.SH ENVIRONMENT\n") && check.contains("CF_SYNC_CUSTOMERIO_SITE_ID")
                && check.contains("HTTPS_PROXY"), check);
        String examples = check.substring(check.indexOf("\n.SH EXAMPLES\n"), check.indexOf("\n.SH SEE ALSO"));
        assertTrue(examples.contains("cf\\-sync check \\-\\-dest customerio\n"), "the plain check first: " + examples);
        assertTrue(check.indexOf(".SH ENVIRONMENT") < check.indexOf(".SH EXAMPLES"), "sections in man(7) order");
        assertTrue(pages.get("cf-sync-completion.1").contains("\n.SH EXAMPLES\n"));
    }

    @Test
    void validateListsOnlyTheExitCodesItCanReturn() {
        String p = pages().get("cf-sync-validate.1");
        String exit = p.substring(p.indexOf(".SH EXIT STATUS"), p.indexOf(".SH", p.indexOf(".SH EXIT STATUS") + 3));
        assertEquals(5, exit.split("\n\\.TP\n", -1).length - 1, exit);
        for (String code : List.of("\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR", "\\fB3\\fR", "\\fB141\\fR")) {
            assertTrue(exit.contains(code), exit);
        }
        assertFalse(exit.contains("75") || exit.contains("credentials") || exit.contains("dead\\-letter"), exit);
    }

    @Test
    void theMainPageReadsAsSentences() {
        String p = pages().get("cf-sync.1");
        assertTrue(p.contains("or send them. See \\fBcf\\-sync\\-send\\fR(1)."), p);
        assertFalse(p.matches("(?s).*[a-z] See \\\\fB.*"), "a summary runs into 'See': " + p);
        String exit = p.substring(p.indexOf(".SH EXIT STATUS"), p.indexOf(".SH ENVIRONMENT"));
        for (String line : exit.split("\n")) {
            if (!line.startsWith(".") && !line.startsWith("\\fB")) {
                assertTrue(Character.isUpperCase(line.charAt(0)) && line.endsWith("."), "not a sentence: " + line);
            }
        }
    }
}
