package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cf-sync send} whose standard output is closed ({@code >&-}) while the report or the outcomes go
 * there: the write fails only after the run was judged. The summary's {@code exit code:} line must be the code the
 * process ends with, and nothing read may be lost: every deliverable event reached the vendor.
 */
@DisabledOnOs(OS.WINDOWS)
@Timeout(90)
class ClosedStdoutSummaryIT {
    private static final String KEY = "closed-stdout-key";
    private static final Pattern EXIT_LINE = Pattern.compile("(?m)^\\s+exit code:\\s+(\\d+)(.*)$");

    @TempDir
    Path work;

    private record Ran(int exit, String stderr, Set<String> arrived, Corpus corpus) {
    }

    /** Runs send over a small corpus (its outcomes fit one buffer, so they are written at close) with stdout shut. */
    private Ran sendWithStdoutClosed(String... outputs) throws Exception {
        Corpus corpus = Corpus.generate(71, 40, 6);
        Path in = work.resolve("in.ndjson");
        StringBuilder text = new StringBuilder();
        corpus.lines().forEach(l -> text.append(l.text()).append('\n'));
        Files.writeString(in, text);
        try (FaultVendor vendor = new FaultVendor(corpus, FaultPlan.none(71), Child.SITE, KEY)) {
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" >&-", "sh",
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.cfsync.Main", "send",
                    "--dest", "customerio", "--set", "siteId=" + Child.SITE, "--base-url", vendor.baseUrl(),
                    "--progress", "none", "--rate", "unlimited", "--state", work.resolve("state.db").toString(),
                    "--dead-letter", work.resolve("dead.ndjson").toString()));
            cmd.addAll(List.of(outputs));
            cmd.add(in.toString());
            Path err = work.resolve("stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("CF_SYNC_CUSTOMERIO_API_KEY", KEY);
            pb.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
            Process p = pb.start();
            try {
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not stop");
            } finally {
                p.destroyForcibly();
            }
            Set<String> arrived = new HashSet<>();
            vendor.arrivals().forEach(a -> a.entities().forEach(e -> arrived.add(e.mid())));
            return new Ran(p.exitValue(), Files.readString(err), arrived, corpus);
        }
    }

    private static void assertSummaryTellsTheExit(Ran r) {
        Matcher m = EXIT_LINE.matcher(r.stderr());
        assertTrue(m.find(), "no summary exit line: " + r.stderr());
        assertEquals(r.exit(), Integer.parseInt(m.group(1)), "the summary's exit code is not the process's:\n"
                + r.stderr());
        assertTrue(!m.find(), "one exit line: " + r.stderr());
        String after = r.stderr().substring(r.stderr().indexOf("exit code:"));
        assertTrue(after.lines().skip(1).noneMatch(l -> l.contains("aborted")), "a failure told after the summary:\n"
                + r.stderr());
    }

    private static void assertNothingLost(Ran r) {
        for (Corpus.Line l : r.corpus().lines()) {
            if (l.deliverable()) {
                assertTrue(r.arrived().contains(l.mid()), "line " + l.number() + " never reached the vendor");
            }
        }
    }

    @Test
    void aReportThatCannotBeWrittenIsInTheSummarysExitCode() throws Exception {
        Ran r = sendWithStdoutClosed("--report", "-");
        assertEquals(3, r.exit(), r.stderr());
        assertSummaryTellsTheExit(r);
        assertTrue(r.stderr().contains("exit code:     3 (run aborted: cannot write the report to standard output: "
                + "Bad file descriptor)"), r.stderr());
        assertNothingLost(r);
        assertTrue(!r.stderr().contains(KEY), "the key was printed");
    }

    @Test
    void outcomesThatCannotBeWrittenAreInTheSummarysExitCode() throws Exception {
        Ran r = sendWithStdoutClosed("--outcomes", "-");
        assertEquals(3, r.exit(), r.stderr());
        assertSummaryTellsTheExit(r);
        assertTrue(r.stderr().contains("(run aborted: cannot write the outcomes to standard output: "), r.stderr());
        assertNothingLost(r);
    }
}
