package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.Cli;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connector's settings: the command line's checks and words, secrets hidden, the rate split across tasks. */
@Timeout(30)
class ConnectorConfigTest {
    private static Map<String, String> good() {
        Map<String, String> m = new HashMap<>();
        m.put("cf.dest", "customerio");
        m.put("siteId", "site");
        m.put("apiKey", "k-123456789");
        return m;
    }

    private static String problem(Map<String, String> props) {
        return assertThrows(ConnectorConfig.BadSetting.class, () -> ConnectorConfig.parse(props)).getMessage();
    }

    /** The command line's message for the same mistake, from stderr. */
    private static String cli(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        return r.err();
    }

    @Test
    void sendLimitsReadAsOnTheCommandLine() {
        Map<String, String> p = good();
        p.put("cf.rate", "fast");
        String connect = problem(p);
        assertEquals("cf.rate must be a positive number of requests per second or 'unlimited', not 'fast'", connect);
        assertTrue(cli("send", "-d", "customerio", "--rate", "fast", "--dry-run", "-")
                .contains(connect.replace("cf.rate", "--rate")));

        p = good();
        p.put("cf.concurrency", "0");
        assertEquals("cf.concurrency must be between 1 and 256, not 0", problem(p));
        p = good();
        p.put("cf.max.retries", "101");
        assertEquals("cf.max.retries must be between 0 and 100, not 101", problem(p));
        p = good();
        p.put("cf.give.up.after", "soon");
        String duration = problem(p);
        assertEquals("'soon' is not " + io.cfsync.report.Durations.SYNTAX, duration);
        assertTrue(cli("send", "-d", "customerio", "--give-up-after", "soon", "--dry-run", "-").contains(duration));
    }

    @Test
    void destinationSettingsReadAsOnTheCommandLine() {
        Map<String, String> p = good();
        p.put("anonymous", "maybe");
        String connect = problem(p);
        assertEquals("customerio setting 'anonymous' must be one of send, skip, not 'maybe'", connect);
        assertTrue(cli("send", "-d", "customerio", "--set", "anonymous=maybe", "--dry-run", "-").contains(connect));

        p = good();
        p.remove("apiKey");
        assertTrue(problem(p).startsWith("missing customerio setting 'apiKey'"), problem(p));

        p = good();
        p.put("orgPod", "prod1");
        assertEquals("unknown customerio setting 'orgPod' in the connector config (see: cf-sync destinations)",
                problem(p));

        p = good();
        p.put("cf.dest", "mailchimp");
        assertTrue(problem(p).startsWith("unknown destination 'mailchimp'; one of customerio"), problem(p));
    }

    @Test
    void validationShowsTheProblemBesideItsKeyWithoutTheSecret() {
        Map<String, String> p = good();
        p.put("anonymous", "maybe");
        Config c = new CfSyncSinkConnector().validate(p);
        ConfigValue v = c.configValues().stream().filter(x -> x.name().equals("anonymous")).findFirst().orElseThrow();
        assertEquals(List.of("customerio setting 'anonymous' must be one of send, skip, not 'maybe'"),
                v.errorMessages());
        assertTrue(c.configValues().stream().filter(x -> !x.name().equals("anonymous"))
                .allMatch(x -> x.errorMessages().isEmpty()));
    }

    @Test
    void secretsArePasswordsDerivedFromTheSettings() {
        ConfigDef def = ConnectorConfig.configDef();
        assertEquals(ConfigDef.Type.PASSWORD, def.configKeys().get("apiKey").type);
        assertEquals(ConfigDef.Type.STRING, def.configKeys().get("siteId").type);
        assertEquals(ConfigDef.Type.STRING, def.configKeys().get("orgPod").type);
        assertTrue(def.configKeys().get("cf.tasks").internalConfig, "the task count is set by the connector");
    }

    @Test
    void theRateIsSplitEvenlyAcrossTasks() {
        Map<String, String> p = good();
        p.put("cf.rate", "30");
        CfSyncSinkConnector c = new CfSyncSinkConnector();
        c.start(p);
        List<Map<String, String>> tasks = c.taskConfigs(3);
        assertEquals(3, tasks.size());
        for (Map<String, String> t : tasks) {
            assertEquals(10.0, ConnectorConfig.parse(t).options().rate(), 1e-9);
        }
        p.remove("cf.rate");
        c.start(p);
        // Customer.io's own default, 100/s, shared by two.
        assertEquals(50.0, ConnectorConfig.parse(c.taskConfigs(2).get(1)).options().rate(), 1e-9);
    }
}
