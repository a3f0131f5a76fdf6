package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config file: where it is found, what its errors say (one line, naming the line and column), secrets it takes
 * from the environment, and where --verbose says each setting came from.
 */
@Timeout(30)
class ConfigFileTest {
    private static final String KEY = "cfg-s3cr3t-key-never-printed";

    @TempDir
    Path tmp;
    private String in;

    @BeforeEach
    void input() throws Exception {
        Path p = tmp.resolve("in.ndjson");
        Files.writeString(p, SendCommandTest.IDENTIFY + "\n");
        in = p.toString();
    }

    private Path yaml(String name, String... lines) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private static void assertOneLine(Cli.Result r, String message) {
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals(List.of("cf-sync: " + message), r.err().lines().toList());
    }

    @Test
    void aMissingConfigFileSaysJustThat() {
        Path missing = tmp.resolve("nope.yaml");
        assertOneLine(Cli.run("send", "-d", "customerio", "--dry-run", "--config", missing.toString(), in),
                "config file " + missing + " does not exist");
    }

    @Test
    void yamlErrorsNameTheLineAndColumn() throws Exception {
        Path bad = yaml("bad.yaml", "destinations:", "  customerio:", "    siteId: x", "   apiKey: y");
        assertOneLine(Cli.run("send", "-d", "customerio", "--dry-run", "--config", bad.toString(), in),
                "config file " + bad + ", line 4, column 4: not valid YAML: expected <block end>, but found "
                        + "'<block mapping start>' (while parsing a block mapping)");
        Path tab = yaml("tab.yaml", "destinations:", "\tcustomerio: {}");
        Cli.Result r = Cli.run("send", "-d", "customerio", "--dry-run", "--config", tab.toString(), in);
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().startsWith("cf-sync: config file " + tab + ", line 2, column 1: not valid YAML: "),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    /** The YAML reader quotes the file around the error; that excerpt may hold a key and is left out. */
    @Test
    void aYamlErrorDoesNotQuoteTheFile() throws Exception {
        Path bad = yaml("bad.yaml", "destinations:", "  customerio:", "    apiKey: \"" + KEY);
        Cli.Result r = Cli.run("send", "-d", "customerio", "--dry-run", "--config", bad.toString(), in);
        assertEquals(ExitCodes.USAGE, r.exit());
        assertFalse(r.err().contains(KEY), r.err());
        assertTrue(r.err().contains(", line 4, column 1: not valid YAML: found unexpected end of stream"), r.err());
    }

    @Test
    void unknownNamesInTheFileAreSuggestedWithTheirPlace() throws Exception {
        Path key = yaml("key.yaml", "destinations:", "  customerio:", "    siteId: x", "    regoin: eu");
        assertOneLine(Cli.run("send", "-d", "customerio", "--dry-run", "--config", key.toString(), in),
                "config file " + key + ", line 4, column 5: unknown customerio setting 'regoin'; did you mean "
                        + "'region'? (see: cf-sync destinations)");
        Path dest = yaml("dest.yaml", "destinations:", "  custommerio:", "    siteId: x");
        assertOneLine(Cli.run("send", "-d", "customerio", "--dry-run", "--config", dest.toString(), in),
                "config file " + dest + ", line 2, column 3: unknown destination 'custommerio'; did you mean "
                        + "'customerio'? (known: customerio, custify, kustomer, customfit)");
    }

    @Test
    void aDryRunNeedsNoSecretButASendNamesTheUnsetVariable() throws Exception {
        Path cfg = yaml("cfg.yaml", "destinations:", "  customerio:", "    siteId: site-1",
                "    apiKey: ${CUSTOMERIO_API_KEY}");
        Cli.Result dry = Cli.run(new byte[0], Map.of(), "send", "-d", "customerio", "--dry-run", "--config",
                cfg.toString(), in);
        assertEquals(ExitCodes.OK, dry.exit(), dry.err());
        assertTrue(dry.out().contains("\"Authorization\":\"Basic <redacted>\""), dry.out());

        Cli.Result send = Cli.run(new byte[0], Map.of(), "send", "-d", "customerio", "--no-state", "--config",
                cfg.toString(), in);
        assertOneLine(send, "config file " + cfg + ": setting 'apiKey' uses ${CUSTOMERIO_API_KEY}, but that "
                + "environment variable is not set");

        // A variable is needed only when the file's value is used: a higher source makes it moot.
        Cli.Result overridden = Cli.run(new byte[0], Map.of("CF_SYNC_CUSTOMERIO_API_KEY", KEY), "send", "-d",
                "customerio", "--dry-run", "-v", "--config", cfg.toString(), in);
        assertEquals(ExitCodes.OK, overridden.exit(), overridden.err());
        assertTrue(overridden.err().contains("apiKey = <redacted> (environment CF_SYNC_CUSTOMERIO_API_KEY)"),
                overridden.err());
    }

    /** A setting that is not a secret is needed by the dry-run's requests: its unset variable is named. */
    @Test
    void aDryRunStillNamesAnUnsetVariableOfAnOrdinarySetting() throws Exception {
        Path cfg = yaml("cfg.yaml", "destinations:", "  customerio:", "    region: ${CIO_REGION}");
        assertOneLine(Cli.run("send", "-d", "customerio", "--dry-run", "--config", cfg.toString(), in),
                "config file " + cfg + ": setting 'region' uses ${CIO_REGION}, but that environment variable is not "
                        + "set");
    }

    @Test
    void theConfigFileIsFoundUnderXdgConfigHomeElseHome() throws Exception {
        yaml("xdg/cf-sync/config.yaml", "destinations:", "  customerio:", "    region: eu");
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        Cli.Result xdg = Cli.run(new byte[0], env, "send", "-d", "customerio", "--dry-run", in);
        assertEquals(ExitCodes.OK, xdg.exit(), xdg.err());
        assertTrue(xdg.out().contains("https://track-eu.customer.io/"), xdg.out());

        yaml("home/.config/cf-sync/config.yaml", "destinations:", "  customerio:", "    region: eu");
        Cli.Result home = Cli.run(new byte[0], Map.of("HOME", tmp.resolve("home").toString()), "send", "-d",
                "customerio", "--dry-run", in);
        assertTrue(home.out().contains("https://track-eu.customer.io/"), home.out());

        // --config wins; an absent default file is not an error.
        Path other = yaml("other.yaml", "destinations:", "  customerio:", "    region: us");
        assertTrue(Cli.run(new byte[0], env, "send", "-d", "customerio", "--dry-run", "--config", other.toString(),
                in).out().contains("https://track.customer.io/"));
        Cli.Result none = Cli.run(new byte[0], Map.of("XDG_CONFIG_HOME", tmp.resolve("empty").toString()), "send",
                "-d", "customerio", "--dry-run", in);
        assertEquals(ExitCodes.OK, none.exit(), none.err());
        assertTrue(none.out().contains("https://track.customer.io/"));
    }

    @Test
    void verboseSaysWhereEachSettingCameFromWithSecretsRedacted() throws Exception {
        Path xdg = yaml("xdg/cf-sync/config.yaml", "destinations:", "  customerio:", "    region: eu",
                "    apiKey: ${CIO_KEY}");
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        env.put("CIO_KEY", KEY);
        env.put("CF_SYNC_CUSTOMERIO_SITE_ID", "site-9");
        Cli.Result r = Cli.run(new byte[0], env, "send", "-d", "customerio", "--dry-run", "--verbose", "--set",
                "max_traits=12", in);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        String err = r.err();
        assertTrue(err.contains("cf-sync: customerio settings, and where each comes from:\n"), err);
        assertTrue(err.contains("cf-sync:   siteId = site-9 (environment CF_SYNC_CUSTOMERIO_SITE_ID)\n"), err);
        assertTrue(err.contains("cf-sync:   region = eu (config file " + xdg + ", line 3)\n"), err);
        assertTrue(err.contains("cf-sync:   apiKey = <redacted> (config file " + xdg + ", line 4)\n"), err);
        assertTrue(err.contains("cf-sync:   maxTraits = 12 (--set)\n"), err);
        assertTrue(err.contains("cf-sync:   apiVersion = v1 (default)\n"), err);
        assertFalse(err.contains(KEY), err);
        assertFalse(r.out().contains(KEY), r.out());
    }
}
