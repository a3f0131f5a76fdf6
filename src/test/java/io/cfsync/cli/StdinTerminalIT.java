package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cf-sync validate} with its input typed on a real terminal (a pseudo-terminal driven by Python's pty
 * module), a line and then a Ctrl-D as a person types them: it says that it reads stdin, and one Ctrl-D ends it,
 * process and all. A terminal gives an end of input
 * per Ctrl-D and reads on, so a reader that asked again after the end kept the process waiting for more.
 */
@Timeout(120)
class StdinTerminalIT {
    @TempDir
    Path tmp;

    private static final String DRIVER = String.join("\n",
            "import os, pty, select, sys, time",
            "pid, fd = pty.fork()",
            "if pid == 0:",
            "    os.execvp('java', ['java', '-jar', sys.argv[1], 'validate'])",
            "out = b''",
            "def read_until(done, seconds):",
            "    global out",
            "    end = time.monotonic() + seconds",
            "    while time.monotonic() < end and not done():",
            "        r, _, _ = select.select([fd], [], [], 0.2)",
            "        if r:",
            "            try:",
            "                out += os.read(fd, 4096)",
            "            except OSError:",
            "                return",
            "read_until(lambda: b'Ctrl-D' in out, 30)",
            "os.write(fd, b'{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2024-03-05T10:00:00Z\"}\\n')",
            "read_until(lambda: False, 1)",
            "os.write(fd, b'\\x04')",
            "status = None",
            "end = time.monotonic() + 30",
            "while status is None and time.monotonic() < end:",
            "    read_until(lambda: False, 0.5)",
            "    p, s = os.waitpid(pid, os.WNOHANG)",
            "    if p:",
            "        status = os.waitstatus_to_exitcode(s)",
            "if status is None:",
            "    os.kill(pid, 9)",
            "sys.stdout.write(out.decode('utf-8', 'replace') + '\\nexit=' + str(status) + '\\n')",
            "");

    @Test
    void oneCtrlDEndsValidateOnATerminalAndTheTerminalIsToldItIsRead() throws Exception {
        boolean python = Files.isExecutable(Path.of("/usr/bin/python3"));
        assumeTrue(python, "python3 is not installed: the terminal case is not checked");
        Path driver = tmp.resolve("drive.py");
        Files.writeString(driver, DRIVER);
        Path jar = Paths.get("target/cf-sync.jar").toAbsolutePath();
        Process p = new ProcessBuilder("python3", driver.toString(), jar.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(110, TimeUnit.SECONDS), out);
        assertTrue(out.contains("cf-sync: reading events from stdin; Ctrl-D to end"), out);
        assertTrue(out.contains("1 line read, 1 event"), out);
        assertTrue(out.contains("\nexit=0\n"), "one Ctrl-D ended the process: " + out);
    }
}
