package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.send.rate.Paced;
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
        assertEquals("unknown customerio setting 'orgPod' in the connector config; did you mean cf.dest=kustomer? "
                + "(see: cf-sync destinations)", problem(p));

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
        // Set by the connector on each task's copy: Connect would list them as settings for people to fill in.
        assertFalse(def.configKeys().containsKey("cf.tasks"), "the task count is not a setting");
        assertFalse(def.configKeys().containsKey("cf.task.id"), "the task number is not a setting");
    }

    @Test
    void validationReportsEveryMistakeBesideItsOwnKeyInTheCommandLinesWords() {
        Map<String, String> p = new HashMap<>();
        p.put("cf.dest", "customerio");
        p.put("cf.rate", "fast");
        p.put("cf.give.up.after", "soon");
        p.put("cf.concurrency", "0");
        p.put("orgName", "acme");
        p.put("dedup", "true");
        p.put("siteId", "site");
        Map<String, List<String>> errors = new java.util.TreeMap<>();
        for (ConfigValue v : new CfSyncSinkConnector().validate(p).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        assertEquals(Map.of(
                "apiKey", List.of("missing customerio setting 'apiKey' (--set apiKey=… or "
                        + "CF_SYNC_CUSTOMERIO_API_KEY) for api=track"),
                "dedup", List.of("unknown customerio setting 'dedup' in the connector config; did you mean "
                        + "cf.dest=custify? (see: cf-sync destinations)"),
                "cf.rate", List.of("cf.rate must be a positive number of requests per second or 'unlimited', "
                        + "not 'fast'"),
                "cf.give.up.after", List.of("'soon' is not " + io.cfsync.report.Durations.SYNTAX),
                "cf.concurrency", List.of("cf.concurrency must be between 1 and 256, not 0"),
                "orgName", List.of("unknown customerio setting 'orgName' in the connector config; did you mean "
                        + "cf.dest=kustomer? (see: cf-sync destinations)")), errors);
    }

    @Test
    void tasksStillLearnTheirShareAndNumberFromKeysOutsideTheConfigDef() {
        Map<String, String> p = good();
        p.put("cf.rate", "30");
        p.put("cf.drain.timeout", "5s");
        CfSyncSinkConnector c = new CfSyncSinkConnector();
        c.start(p);
        Map<String, String> task = c.taskConfigs(3).get(2);
        assertEquals("2", task.get("cf.task.id"));
        assertEquals(10.0, ConnectorConfig.parse(task).options().rate(), 1e-9);
        assertEquals(java.time.Duration.ofSeconds(5), ConnectorConfig.parse(task).drainTimeout());
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

    @Test
    void theCommandLinesSendingOptionsAreSettingsToo() {
        Map<String, String> p = good();
        p.put("cf.adaptive.rate", "false");
        p.put("cf.timeout", "7s");
        p.put("cf.connect.timeout", "2s");
        p.put("cf.max.event.time", "1m");
        ConnectorConfig.Parsed parsed = ConnectorConfig.parse(p);
        assertFalse(parsed.options().adaptiveRate());
        assertEquals(new io.cfsync.send.SinkTuning.Timeouts(java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(7), java.time.Duration.ofMinutes(1)), parsed.options().timeouts());

        Map<String, String> bad = good();
        bad.put("cf.timeout", "0s");
        bad.put("cf.max.event.time", "1s");
        bad.put("cf.batch.size", "0");
        Map<String, Object> values = new HashMap<>(ConnectorConfig.configDef().parse(bad));
        assertEquals(Map.of("cf.timeout", "'0s' is not " + io.cfsync.report.Durations.SYNTAX,
                "cf.max.event.time", "cf.max.event.time must be at least 2s",
                "cf.batch.size", "cf.batch.size must be at least 1, not 0"), ConnectorConfig.problems(values));
    }

    @Test
    void theTaskGetsTheVendorTheCommandLineGets() {
        Map<String, String> p = good();
        p.put("cf.dest", "kustomer");
        p.remove("siteId");
        p.put("orgName", "acme");
        assertEquals(java.time.Duration.ofSeconds(60),
                ConnectorConfig.parse(p).setup().vendor().rateHeadersWindow(), "paced by x-ratelimit-* headers");
        assertTrue(ConnectorConfig.parse(p).setup().vendor().bulk() != null, "identifies in bulk jobs");
        p.put("cf.bulk", "false");
        assertEquals(null, ConnectorConfig.parse(p).setup().vendor().bulk(), "each record's own requests");

        Map<String, String> v2 = good();
        v2.put("api", "track-v2");
        v2.put("cf.batch.size", "50");
        io.cfsync.dest.BatchSpec batching = ConnectorConfig.parse(v2).setup().vendor().batching();
        assertEquals(50, batching.maxEntities());
        assertTrue(batching.url().endsWith("/api/v2/batch"), batching.url());
        v2.put("cf.batch", "false");
        assertEquals(null, ConnectorConfig.parse(v2).setup().vendor().batching(), "one request per event");
    }

    @Test
    void aTasksFractionalShareIsReachedAndNeverPassed() {
        Map<String, String> p = good();
        p.put("cf.rate", "5");
        CfSyncSinkConnector c = new CfSyncSinkConnector();
        c.start(p);
        double share = ConnectorConfig.parse(c.taskConfigs(3).get(0)).options().rate();
        assertEquals(5.0 / 3, share, 1e-9);
        List<Long> sends = Paced.sends(share, 60, 8, 0, 3);
        assertTrue(Paced.achieved(sends) >= share * 0.98, "a third of 5/s: achieved " + Paced.achieved(sends));
        assertEquals(null, Paced.overCeiling(sends, share, 60));
    }
}
