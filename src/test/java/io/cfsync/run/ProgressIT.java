package io.cfsync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cfsync.Main;
import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.VendorStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress display tells the truth about sending, as a person watching it would check: the time left it shows
 * halfway matches the time the run then takes, 100% comes only once every event is settled, and a terminal
 * wider than 80 columns gets a bar as wide as itself without {@code COLUMNS} exported.
 */
@Timeout(120)
class ProgressIT {
    private static final Pattern LINE = Pattern.compile(
            "progress: (\\d+)% settled \\(([\\d,]+) of ~?([\\d,]+) events\\)(?:, elapsed [^,]+)?(?:, ETA ([^,]+))?.*"
                    + ", ([\\d,]+) in flight");

    @TempDir
    Path tmp;
    VendorStub vendor;

    @BeforeEach
    void start() {
        vendor = new VendorStub();
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    /** Standard error, each line with the monotonic time it arrived at. */
    private static final class TimedLines extends OutputStream {
        final List<long[]> times = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                times.add(new long[] {System.nanoTime()});
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private static long seconds(String d) {
        Matcher m = Pattern.compile("(?:(\\d+)m)?(\\d+)s").matcher(d.trim());
        assertTrue(m.matches(), d);
        return (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 60) + Long.parseLong(m.group(2));
    }

    /**
     * The acceptance is 3,000 events at --rate 30 (100 s); the same property at a tenth of the count keeps this
     * test to about 10 s: the ETA shown once half the events are settled is within a fifth of the time left.
     */
    @Test
    void theEtaAtHalfwayMatchesTheTimeLeftAndOneHundredPercentMeansAllSettled() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 300, 41);
        TimedLines err = new TimedLines();
        int exit = Main.run(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("XDG_STATE_HOME", tmp.resolve("state").toString(), "XDG_CONFIG_HOME",
                        tmp.resolve("config").toString()),
                "send", "--dest", "customerio", "--set", "siteId=site-1", "--set", "apiKey=k", "--base-url",
                vendor.baseUrl(), "--rate", "30", "--progress", "log", "--progress-interval", "1s", in.toString());
        long end = System.nanoTime();
        assertEquals(ExitCodes.OK, exit, String.join("\n", err.lines));
        Long etaHalfway = null;
        long leftHalfway = 0;
        int progressLines = 0;
        for (int i = 0; i < err.lines.size(); i++) {
            Matcher m = LINE.matcher(err.lines.get(i));
            if (!m.find()) {
                continue;
            }
            progressLines++;
            int pct = Integer.parseInt(m.group(1));
            long settled = Long.parseLong(m.group(2).replace(",", ""));
            long total = Long.parseLong(m.group(3).replace(",", ""));
            if (pct == 100) {
                assertEquals(total, settled, "100% only once all are settled: " + err.lines.get(i));
                assertEquals("0", m.group(5), err.lines.get(i));
            }
            if (etaHalfway == null && pct >= 50 && m.group(4) != null) {
                etaHalfway = seconds(m.group(4));
                leftHalfway = end - err.times.get(i)[0];
            }
        }
        assertTrue(progressLines >= 5, "a line a second: " + err.lines);
        assertNotNull(etaHalfway, "an ETA at 50%: " + err.lines);
        double left = leftHalfway / 1e9;
        assertTrue(Math.abs(etaHalfway - left) <= 0.2 * left, "ETA " + etaHalfway + " s at 50%, " + left
                + " s actually left: " + err.lines);
    }

    @Test
    void aTwoHundredColumnTerminalWithoutColumnsGetsATwoHundredColumnBar() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")),
                "tmux is not installed (apt-get install tmux; .ci/run installs it as root)");
        // A long file name, so the line has more to show than 200 columns: its width is the terminal's.
        Path dir = Files.createDirectories(tmp.resolve("archive-" + "x".repeat(120)));
        Path in = VendorStub.trackEvents(dir, "day-2024-03-05.ndjson", 200, 17);
        String socket = "cf-sync-test-" + UUID.randomUUID();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("env", "-u", "COLUMNS", "-u", "LINES", "XDG_STATE_HOME=" + tmp.resolve("s"),
                "XDG_CONFIG_HOME=" + tmp.resolve("c"), java, "-cp", System.getProperty("java.class.path"),
                "io.cfsync.Main", "send", "--dest", "customerio", "--set", "siteId=site-1", "--set", "apiKey=k",
                "--base-url", vendor.baseUrl(), "--rate", "20", in.toString());
        // The class path is too long for a tmux command line: the pane runs a script.
        Path script = tmp.resolve("run.sh");
        Files.writeString(script, String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .toList()) + "\nsleep 60\n");
        try {
            tmux(socket, "-f", "/dev/null", "new-session", "-d", "-s", "bar", "-x", "200", "-y", "20", "sh "
                    + script);
            tmux(socket, "set-option", "-t", "bar", "status", "off");
            String bar = null;
            for (int i = 0; i < 200 && bar == null; i++) {
                Thread.sleep(100);
                for (String l : tmux(socket, "capture-pane", "-p", "-t", "bar").split("\n")) {
                    if (l.contains("events/s") && l.contains("day-2024-03-05.ndjson")) {
                        bar = l.stripTrailing();
                    }
                }
            }
            assertNotNull(bar, "no bar within 20 s");
            assertEquals(199, bar.length(), "as wide as the terminal, the last column left free: " + bar);
            assertFalse(bar.contains("100%"), bar);
        } finally {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String tmux(String socket, String... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("tmux", "-L", socket));
        c.addAll(List.of(args));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "tmux did not answer");
        assertEquals(0, p.exitValue(), "tmux " + args[0] + ": " + out);
        return out;
    }
}
