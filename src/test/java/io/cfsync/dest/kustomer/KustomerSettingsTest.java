package io.cfsync.dest.kustomer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomerSettingsTest {
    private static final KustomerDestination DEST = new KustomerDestination();

    private static Settings settings(Map<String, String> set, String baseUrlOverride) throws SettingsException {
        return Settings.resolve(DEST.name(), DEST.settings(), set, Map.of(), Map.of(), baseUrlOverride);
    }

    private static String host(Map<String, String> set) throws SettingsException {
        return KustomerSettings.from(settings(set, null)).baseUrl();
    }

    @Test
    void podsMapToRegionalHosts() throws SettingsException {
        assertEquals("https://api.kustomerapp.com", host(Map.of()));
        assertEquals("https://api.kustomerapp.com", host(Map.of("orgPod", "prod1")));
        assertEquals("https://api.kustomerapp.com", host(Map.of("orgPod", "US")));
        assertEquals("https://api.prod2.kustomerapp.com", host(Map.of("orgPod", "prod2")));
        assertEquals("https://api.prod2.kustomerapp.com", host(Map.of("orgPod", "eu")));
        assertEquals("https://api.prod4.kustomerapp.com", host(Map.of("orgPod", " PROD4 ")));
    }

    @Test
    void baseUrlBeatsOrgNameBeatsOrgPodAndTheCommandLineBeatsAll() throws SettingsException {
        assertEquals("https://acme.api.kustomerapp.com", host(Map.of("orgPod", "prod2", "orgName", "Acme")));
        assertEquals("http://localhost:8080", host(Map.of("orgPod", "prod2", "orgName", "acme",
                "baseUrl", "http://localhost:8080/")));
        Settings s = settings(Map.of("baseUrl", "http://localhost:8080"), "http://127.0.0.1:9");
        assertEquals("http://127.0.0.1:9", KustomerSettings.from(s).baseUrl());
    }

    @Test
    void malformedSettingsAreRejectedNamingTheSetting() {
        SettingsException pod = assertThrows(SettingsException.class, () -> host(Map.of("orgPod", "frankfurt")));
        assertTrue(pod.getMessage().contains("orgPod"), pod.getMessage());
        assertThrows(SettingsException.class, () -> host(Map.of("orgName", "acme.example.com")));
        assertThrows(SettingsException.class, () -> host(Map.of("sessionGapMinutes", "0")));
        assertThrows(SettingsException.class, () -> host(Map.of("anonymous", "send")));
    }

    @Test
    void aRealSendNeedsTheKeyAndAnExplicitHost() throws SettingsException {
        SettingsException noKey = assertThrows(SettingsException.class,
                () -> DEST.checkSendable(settings(Map.of("orgPod", "prod1"), null)));
        assertTrue(noKey.getMessage().contains("apiKey"), noKey.getMessage());
        SettingsException noHost = assertThrows(SettingsException.class,
                () -> DEST.checkSendable(settings(Map.of("apiKey", "kustomer-secret-0001"), null)));
        assertTrue(noHost.getMessage().contains("orgPod"), noHost.getMessage());
        assertTrue(!noHost.getMessage().contains("kustomer-secret-0001"));
        DEST.checkSendable(settings(Map.of("apiKey", "k", "orgName", "acme"), null));
        DEST.checkSendable(settings(Map.of("apiKey", "k"), "http://localhost:1"));
    }
}
