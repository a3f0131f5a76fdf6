package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-line-bytes}: from the command line, from {@code options} in the config file (the command line
 * winning), the same for {@code validate}, and a value that is not a size refused with exit 2.
 */
@Timeout(30)
class MaxLineBytesTest {
    @TempDir
    Path tmp;

    /** One ordinary event, then one of about 3 KiB. */
    private static byte[] input() {
        String big = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":\"" + "x".repeat(3000)
                + "\"}}";
        return (SendCommandTest.IDENTIFY + "\n" + big + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> config(String... lines) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("xdg/cf-sync"));
        Files.writeString(dir.resolve("config.yaml"), String.join("\n", lines) + "\n");
        return Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
    }

    private Cli.Result send(Map<String, String> env, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"send", "-d", "customerio", "--dry-run", "--dead-letter",
            tmp.resolve("dead.ndjson").toString()}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return Cli.run(input(), env, args);
    }

    @Test
    void aLineOverTheLimitIsDeadLetteredAndTheRunGoesOn() throws Exception {
        Cli.Result r = send(Map.of(), "--max-line-bytes", "2KiB");
        assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
        assertTrue(r.err().contains("dead-lettered: 1 (line-too-long 1)"), r.err());
        assertEquals(1, r.out().lines().count(), "the other event is mapped");
        String dead = Files.readString(tmp.resolve("dead.ndjson"));
        assertTrue(dead.contains("\"line\":2") && dead.contains("2048 bytes"), dead);
        assertEquals(ExitCodes.OK, send(Map.of(), "--max-line-bytes", "4k").exit());
    }

    @Test
    void theConfigFileSetsItAndTheCommandLineWins() throws Exception {
        Map<String, String> env = config("options:", "  max-line-bytes: 2048", "destinations:", "  customerio:",
                "    region: US");
        assertTrue(send(env).err().contains("line-too-long 1"), "options.max-line-bytes is read");
        assertEquals(ExitCodes.OK, send(env, "--max-line-bytes", "1MiB").exit());
        Cli.Result validate = Cli.run(input(), env, "validate", "-");
        assertTrue(validate.out().contains("-:2: line-too-long"), validate.out() + validate.err());
    }

    @Test
    void aValueThatIsNotASizeIsAUsageError() throws Exception {
        Cli.Result r = send(Map.of(), "--max-line-bytes", "lots");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("'lots' is not a size such as 1048576, 512KiB or 4MiB"), r.err());
        assertEquals(ExitCodes.USAGE, send(Map.of(), "--max-line-bytes", "100").exit(), "below 1 KiB");
        Cli.Result file = send(config("options:", "  maxLineBytes: 2 GiB"));
        assertEquals(ExitCodes.USAGE, file.exit());
        assertTrue(file.err().contains("options.max-line-bytes: '2 GiB' is outside 1KiB to 1GiB"), file.err());
        Cli.Result unknown = send(config("options:", "  max-lines: 3"));
        assertTrue(unknown.err().contains("unknown option 'max-lines' under options (known: max-line-bytes, proxy, "
                + "ca-file, shared-rate, shared-rate-key)"),
                unknown.err());
    }
}
