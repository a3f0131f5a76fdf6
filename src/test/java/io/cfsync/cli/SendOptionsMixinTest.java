package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SendOptionsMixinTest {
    private final SendOptionsMixin.DurationConverter durations = new SendOptionsMixin.DurationConverter();

    @Test
    void durationsInTheUsualShapes() {
        assertEquals(Duration.ofMillis(500), durations.convert("500ms"));
        assertEquals(Duration.ofMillis(2500), durations.convert("2.5s"));
        assertEquals(Duration.ofMinutes(15), durations.convert("15m"));
        assertEquals(Duration.ofMinutes(90), durations.convert("1h30m"));
        assertEquals(Duration.ofSeconds(90), durations.convert("90"));
        assertEquals(Duration.ofMinutes(15), durations.convert("PT15M"));
        for (String bad : new String[] {"", "5x", "m5", "-3s", "0s", "1h 30m", "s"}) {
            assertThrows(TypeConversionException.class, () -> durations.convert(bad), bad);
        }
    }

    private static Cli.Result dryRun(String... options) {
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"send", "--dest", "customerio", "--dry-run", "--progress", "none"}, 0, args,
                0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        return Cli.run(args);
    }

    @Test
    void rateIsPositiveOrUnlimited() {
        assertEquals(ExitCodes.OK, dryRun("--rate", "unlimited").exit());
        assertEquals(ExitCodes.OK, dryRun("--rate", "0.5").exit());
        Cli.Result zero = dryRun("--rate", "0");
        assertEquals(ExitCodes.USAGE, zero.exit());
        assertTrue(zero.err().contains("'unlimited'"), zero.err());
        assertEquals(ExitCodes.USAGE, dryRun("--rate", "fast").exit());
    }

    @Test
    void badSendOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, dryRun("--concurrency", "0").exit());
        assertEquals(ExitCodes.USAGE, dryRun("--max-retries", "-1").exit());
        assertEquals(ExitCodes.USAGE, dryRun("--timeout", "soon").exit());
        assertEquals(ExitCodes.USAGE, dryRun("--max-event-time", "1s").exit());
        assertEquals(ExitCodes.USAGE, dryRun("--progress", "fancy").exit());
    }

    @Test
    void helpListsTheSendOptions() {
        Cli.Result help = Cli.run("send", "--help");
        for (String o : new String[] {"--rate", "--concurrency", "--max-retries", "--max-event-time",
                "--connect-timeout", "--timeout", "--give-up-after", "--progress"}) {
            assertTrue(help.out().contains(o), o + " missing from help");
        }
    }
}
