package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.Main;
import io.cfsync.testkit.Cli;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README is a walk-through a newcomer reads in minutes, the reference lives in man pages generated from the
 * model, and every example of either that can run offline (dry-runs, validate, destinations, status, completion on
 * files of this checkout) runs as printed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeTest {
    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    private static Map<String, String> pages() {
        return GenManCommand.pages(Main.commandLine(new Context(InputStream.nullInputStream(),
                new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), Map.of())).getCommandSpec());
    }

    @Test
    void theReadmeIsShortAndWalksFromADryRunToARealSend() throws Exception {
        String text = readme();
        String walk = text.substring(0, text.indexOf("\n## Development"));
        assertTrue(walk.lines().count() <= 200, "the part a newcomer reads: " + walk.lines().count() + " lines");
        int dryRun = text.indexOf("cf-sync send --dest customerio --dry-run");
        int check = text.indexOf("cf-sync check --dest customerio");
        Matcher send = Pattern.compile("\\n\\s*(scripts/)?cf-sync send (?!.*--dry-run)[^\\n]*").matcher(text);
        assertTrue(send.find(), "a real send is shown");
        assertTrue(dryRun >= 0 && check > dryRun && send.start() > check, "dry-run, then check, then send");
        int status = text.indexOf("cf-sync status", send.start());
        assertTrue(status > send.start(), "then status");
    }

    @Test
    void everyReferencePageTheReadmeNamesIsGenerated() throws Exception {
        Map<String, String> pages = pages();
        Matcher m = Pattern.compile("`(cf-sync[a-z-]*)\\(([17])\\)`").matcher(readme());
        int named = 0;
        while (m.find()) {
            named++;
            assertTrue(pages.containsKey(m.group(1) + "." + m.group(2)), m.group() + " is not generated");
        }
        assertTrue(named >= 10, "the README points to the pages: " + named);
        for (String section : List.of("What cf-sync guarantees", "The ledger", "What each destination receives",
                "Behind a proxy", "Object storage", "Secrets in Connect")) {
            assertFalse(readme().contains("\n## " + section) || readme().contains("\n### " + section),
                    "reference left in the README: " + section);
            assertTrue(pages.values().stream().anyMatch(p -> p.contains(".SH " + ManPage.esc(section.toUpperCase(
                    java.util.Locale.ROOT)))), "no page holds " + section);
        }
    }

    @Test
    void everyOfflineExampleOfTheReadmeAndTheManPagesRuns() throws Exception {
        List<String> examples = new ArrayList<>(readmeExamples(readme()));
        int fromReadme = examples.size();
        for (String page : pages().values()) {
            examples.addAll(manExamples(page));
        }
        List<String> ran = new ArrayList<>();
        for (String example : examples) {
            List<String> args = offline(example);
            if (args == null) {
                continue;
            }
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            boolean broken = example.contains("samples/broken.ndjson") || example.contains("samples/anonymous");
            assertEquals(broken ? ExitCodes.INCOMPLETE : ExitCodes.OK, r.exit(), example + "\n" + r.err());
            ran.add(example);
        }
        assertTrue(fromReadme >= 8 && ran.size() >= 8, "examples run: " + ran);
    }

    /** The command lines in the README's fenced blocks, comments cut. */
    static List<String> readmeExamples(String text) {
        List<String> out = new ArrayList<>();
        boolean fence = false;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("```")) {
                fence = !fence;
            } else if (fence && (l.startsWith("cf-sync ") || l.startsWith("scripts/cf-sync "))) {
                out.add(l.replaceAll("\\s+#.*$", ""));
            }
        }
        return out;
    }

    /** The command lines of a page's EXAMPLES section, roff escapes undone. */
    static List<String> manExamples(String page) {
        List<String> out = new ArrayList<>();
        int at = page.indexOf(".SH EXAMPLES\n");
        if (at < 0) {
            return out;
        }
        String section = page.substring(at, page.indexOf("\n.SH ", at + 1));
        boolean nf = false;
        for (String l : section.split("\n")) {
            if (l.equals(".nf") || l.equals(".fi")) {
                nf = l.equals(".nf");
            } else if (nf && l.startsWith("cf\\-sync ")) {
                out.add(l.replace("\\-", "-").replace("\\e", "\\"));
            }
        }
        return out;
    }

    /** The arguments of an example that runs without network, credentials or files outside this checkout. */
    static List<String> offline(String example) {
        if (example.matches(".*[|<>$`].*") || example.contains("...") || example.contains("…")) {
            return null;
        }
        List<String> words = new ArrayList<>(List.of(example.split("\\s+")));
        words.remove(0);
        if (words.isEmpty()) {
            return null;
        }
        String command = words.get(0);
        boolean offline = switch (command) {
            case "send" -> words.contains("--dry-run");
            case "validate", "destinations", "completion" -> true;
            case "status" -> !words.contains("--break-lock");
            default -> false;
        };
        for (String w : words.subList(1, words.size())) {
            if (!w.startsWith("-") && w.contains("/") && !Files.exists(Path.of(w))) {
                return null;
            }
        }
        return offline ? words : null;
    }
}
