package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret typed into {@code --set} without its {@code =} ({@code "apiKey QkX7…"}, {@code apiKey:QkX7…},
 * {@code apiKeyQkX7…}) is refused without being echoed, by every command and in the config file; a {@code --set}
 * with no {@code =} at all is refused rather than taken as an empty value.
 */
@Timeout(60)
class MalformedSetTest {
    private static final String KEY = "QkX7mZp9Lr2Tq8Wv";
    /** Each secret name of each destination, spelt as people type it, with each separator or none. */
    private static final List<String> NAMES = List.of("apiKey", "API_KEY", "Pipelines-Api-Key", "serverKey");
    private static final List<String> SEPARATORS = List.of(" ", ":", "\t", "", " = ", "/");

    @TempDir
    Path tmp;
    private String in;

    @BeforeEach
    void input() throws Exception {
        Path p = tmp.resolve("in.ndjson");
        Files.writeString(p, SendCommandTest.IDENTIFY + "\n");
        in = p.toString();
    }

    private static List<String> malformed() {
        List<String> args = new ArrayList<>();
        for (String name : NAMES) {
            for (String sep : SEPARATORS) {
                args.add(name + sep + KEY);
            }
        }
        return args;
    }

    private static void assertRefusedUnseen(String arg, Cli.Result r) {
        assertEquals(ExitCodes.USAGE, r.exit(), arg + ": " + r.err());
        String all = r.out() + r.err();
        assertFalse(all.contains(KEY) || all.toLowerCase(Locale.ROOT).contains("qkx7"),
                "the value of '" + arg + "' was echoed: " + all);
    }

    /** send and check take --set; validate takes none, and a mistyped --sett is no option: neither echoes it. */
    @Test
    void everyCommandRefusesASecretWithoutItsEqualsSignUnechoed() {
        for (String arg : malformed()) {
            for (String[] cmd : List.of(new String[] {"send", "--dest", "customerio", "--dry-run", "--set", arg, in},
                    new String[] {"send", "--dest", "kustomer", "--dry-run", "--set=" + arg, in},
                    new String[] {"check", "--dest", "custify", "--set", arg})) {
                Cli.Result r = Cli.run(cmd);
                assertRefusedUnseen(arg, r);
                assertTrue(r.err().contains("expected KEY=VALUE; the value is not shown because")
                        && r.err().contains(" is a secret"), r.err());
            }
            assertRefusedUnseen(arg, Cli.run("validate", "--set", arg, in));
            assertRefusedUnseen(arg, Cli.run("validate", in, "--set", arg));
            assertRefusedUnseen(arg, Cli.run("send", "--dest", "customerio", "--dry-run", "--sett", arg, in));
        }
    }

    @Test
    void theMessageNamesTheSecretSettingItWasTakenFor() {
        Cli.Result r = Cli.run("send", "--dest", "customerio", "--dry-run", "--set", "apiKey:" + KEY, in);
        assertEquals("cf-sync: --set apiKey…: expected KEY=VALUE; the value is not shown because apiKey is a secret",
                r.err().lines().findFirst().orElse(""));
    }

    @Test
    void anUnknownKeyStartingWithASecretNameIsNotEchoedEvenWithAnEqualsSign() {
        // "apiKeyQkX7…=" would otherwise be quoted as an unknown setting, with a did-you-mean naming apiKey.
        for (String arg : List.of("apiKey" + KEY + "=", "apiKey " + KEY + "==", "apiKe_y" + KEY + "=x")) {
            for (String cmd : List.of("send", "check")) {
                Cli.Result r = cmd.equals("send") ? Cli.run("send", "--dest", "customerio", "--dry-run", "--set",
                        arg, in) : Cli.run("check", "--dest", "customerio", "--set", arg);
                assertRefusedUnseen(arg, r);
            }
        }
    }

    @Test
    void aSettingWithoutAValueIsRefused() {
        for (String arg : List.of("apiKey", "region", "pipelinesApiKey")) {
            Cli.Result r = Cli.run("send", "--dest", "customerio", "--dry-run", "--set", arg, in);
            assertEquals(ExitCodes.USAGE, r.exit(), arg + ": " + r.err());
            assertTrue(r.err().contains("--set " + arg + ": expected KEY=VALUE"), r.err());
        }
        Cli.Result check = Cli.run("check", "--dest", "customerio", "--set", "apiKey");
        assertEquals(ExitCodes.USAGE, check.exit(), check.err());
    }

    @Test
    void anEmptyValueWrittenWithItsEqualsSignIsStillTaken() {
        Cli.Result r = Cli.run("send", "--dest", "customerio", "--dry-run", "--set", "apiKey=", in);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
    }

    @Test
    void aConfigFileKeyHoldingTheSecretIsNotEchoed() throws Exception {
        for (String key : List.of("\"apiKey " + KEY + "\"", "apiKey_" + KEY, "serverKey" + KEY)) {
            Path yaml = tmp.resolve("config.yaml");
            Files.writeString(yaml, "destinations:\n  customerio:\n    siteId: s\n    " + key + ": x\n");
            Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customerio", "--dry-run", "--config",
                    yaml.toString(), in);
            assertRefusedUnseen(key, r);
            assertTrue(r.err().contains("line 4") && r.err().contains("is a secret"), r.err());
        }
    }
}
