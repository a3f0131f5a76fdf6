package io.cfsync.dest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    static final List<SettingSpec> SPECS = List.of(
            SettingSpec.of("siteId", SettingSpec.Type.STRING, "site").mandatory().alias("siteID"),
            SettingSpec.of("apiKey", SettingSpec.Type.STRING, "key").mandatory().secretValue(),
            SettingSpec.of("maxTraits", SettingSpec.Type.INTEGER, "cap").defaultsTo("30"),
            SettingSpec.of("convertDates", SettingSpec.Type.BOOLEAN, "dates").defaultsTo("true"),
            SettingSpec.of("anonymous", SettingSpec.Type.CHOICE, "anon").choices("send", "skip").defaultsTo("send"),
            SettingSpec.of("endpoint", SettingSpec.Type.URL, "url"));

    static Settings resolve(Map<String, String> set, Map<String, String> env, Map<String, String> config)
            throws SettingsException {
        return Settings.resolve("customerio", SPECS, set, env, config, null);
    }

    @Test
    void precedenceIsSetThenEnvironmentThenConfigThenDefault() throws Exception {
        Map<String, String> config = Map.of("siteId", "from-config", "maxTraits", "10", "anonymous", "skip");
        Map<String, String> env = Map.of("CF_SYNC_CUSTOMERIO_SITE_ID", "from-env", "CF_SYNC_CUSTOMERIO_MAX_TRAITS", "20");
        Settings s = resolve(Map.of("siteId", "from-set"), env, config);
        assertEquals("from-set", s.get("siteId"));
        assertEquals(20, s.integer("maxTraits"));
        assertEquals("skip", s.get("anonymous"));
        assertTrue(s.bool("convertDates"));
        assertEquals("from-env", resolve(Map.of(), env, config).get("siteId"));
        assertEquals("from-config", resolve(Map.of(), Map.of(), config).get("siteId"));
    }

    @Test
    void keysMatchLooselyAndThroughAliases() throws Exception {
        assertEquals("a", resolve(Map.of("site_id", "a"), Map.of(), Map.of()).get("siteId"));
        assertEquals("b", resolve(Map.of("siteID", "b"), Map.of(), Map.of()).get("siteId"));
        assertEquals("CF_SYNC_CUSTOMERIO_SITE_ID", Settings.envName("customerio", "siteId"));
        assertEquals("CF_SYNC_KUSTOMER_SESSION_GAP_MINUTES", Settings.envName("kustomer", "sessionGapMinutes"));
    }

    @Test
    void unknownAndMalformedSettingsAreErrorsThatNameTheSetting() {
        assertTrue(assertThrows(SettingsException.class, () -> resolve(Map.of("sightId", "x"), Map.of(), Map.of()))
                .getMessage().contains("'sightId'"));
        assertTrue(assertThrows(SettingsException.class, () -> resolve(Map.of(), Map.of(), Map.of("colour", "x")))
                .getMessage().contains("'colour'"));
        assertTrue(assertThrows(SettingsException.class, () -> resolve(Map.of("maxTraits", "many"), Map.of(),
                Map.of())).getMessage().contains("'maxTraits'"));
        assertTrue(assertThrows(SettingsException.class, () -> resolve(Map.of("convertDates", "perhaps"), Map.of(),
                Map.of())).getMessage().contains("'convertDates'"));
        assertTrue(assertThrows(SettingsException.class, () -> resolve(Map.of("anonymous", "drop"), Map.of(),
                Map.of())).getMessage().contains("send, skip"));
        assertTrue(assertThrows(SettingsException.class, () -> resolve(Map.of("endpoint", "ftp://x"), Map.of(),
                Map.of())).getMessage().contains("'endpoint'"));
    }

    @Test
    void unknownEnvironmentVariablesOnlyWarn() throws Exception {
        Settings s = resolve(Map.of(), Map.of("CF_SYNC_CUSTOMERIO_SIGHT_ID", "x", "OTHER", "y"), Map.of());
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0).contains("CF_SYNC_CUSTOMERIO_SIGHT_ID"));
    }

    @Test
    void requiredSettingsAreCheckedOnlyForSendingAndSecretsAreRedacted() throws Exception {
        Settings s = resolve(Map.of("apiKey", "top-secret-value"), Map.of(), Map.of());
        SettingsException e = assertThrows(SettingsException.class, s::requireForSend);
        assertTrue(e.getMessage().contains("'siteId'"));
        assertTrue(e.getMessage().contains("CF_SYNC_CUSTOMERIO_SITE_ID"));
        assertFalse(s.describe().toString().contains("top-secret-value"));
        assertEquals(Secret.REDACTED, s.describe().get("apiKey"));
        assertFalse(String.valueOf(s.secret("apiKey")).contains("top-secret-value"));
        SettingsException bad = assertThrows(SettingsException.class,
                () -> Settings.resolve("x", List.of(SettingSpec.of("n", SettingSpec.Type.BOOLEAN, "n").secretValue()),
                        Map.of("n", "hunter2-secret"), Map.of(), Map.of(), null));
        assertFalse(bad.getMessage().contains("hunter2-secret"));
    }
}
