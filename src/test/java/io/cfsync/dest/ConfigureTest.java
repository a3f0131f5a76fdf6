package io.cfsync.dest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.testkit.DefaultSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One configure() gives each vendor's whole run-time shape; malformed settings fail there, as settings errors. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfigureTest {
    private static Configured configure(String dest, Map<String, String> set) throws SettingsException {
        Destination d = Destinations.find(dest);
        return d.configure(Settings.resolve(d.name(), d.settings(), set, Map.of(), Map.of(), null));
    }

    @Test
    void everyDestinationConfiguresFromItsDefaults() throws Exception {
        for (Destination d : Destinations.all()) {
            Configured c = d.configure(DefaultSettings.of(d));
            assertNotNull(c.translator(), d.name());
            assertNotNull(c.auth(), d.name());
            assertEquals(d.profile().limits().defaultRate(), c.limits().defaultRate(), d.name());
            assertEquals(d.profile().limits().pauseAfter429(), c.limits().pauseAfter429(), d.name());
            assertTrue(c.limits().defaultRate() > 0, d.name());
        }
    }

    @Test
    void limitsCarryTheVendorsPauseAfterA429() throws Exception {
        assertEquals(Duration.ofSeconds(10), configure("custify", Map.of()).limits().pauseAfter429());
        assertEquals(Duration.ofSeconds(60), configure("kustomer", Map.of()).limits().pauseAfter429());
        assertNull(configure("customerio", Map.of()).limits().pauseAfter429());
        assertEquals(5, configure("kustomer", Map.of()).limits().defaultRate());
        // Kustomer reports its per-minute budget on every answer; the others publish no such headers.
        assertEquals(Duration.ofSeconds(60), configure("kustomer", Map.of()).limits().rateHeadersWindow());
        assertNull(configure("customerio", Map.of()).limits().rateHeadersWindow());
    }

    @Test
    void onlyCustomerIoV2Batches() throws Exception {
        assertNull(configure("customerio", Map.of()).batching());
        BatchSpec b = configure("customerio", Map.of("apiVersion", "v2", "region", "EU")).batching();
        assertEquals("https://track-eu.customer.io/api/v2/batch", b.url());
        assertEquals("https://track-eu.customer.io/api/v2/entity", b.entityUrl());
        for (String other : new String[] {"custify", "kustomer", "customfit"}) {
            assertNull(configure(other, Map.of()).batching(), other);
        }
    }

    @Test
    void onlyKustomerHasAPrePass() throws Exception {
        assertNotNull(configure("kustomer", Map.of()).prePass());
        for (String other : new String[] {"custify", "customerio", "customfit"}) {
            assertNull(configure(other, Map.of()).prePass(), other);
        }
    }

    @Test
    void malformedSettingsFailAsSettingsErrorsNamingTheSetting() {
        SettingsException auth = assertThrows(SettingsException.class,
                () -> configure("customfit", Map.of("auth", "cookie")));
        assertTrue(auth.getMessage().contains("'auth'"), auth.getMessage());
        SettingsException gap = assertThrows(SettingsException.class,
                () -> configure("kustomer", Map.of("sessionGapMinutes", "0")));
        assertTrue(gap.getMessage().contains("'sessionGapMinutes'"), gap.getMessage());
        SettingsException region = assertThrows(SettingsException.class,
                () -> configure("customerio", Map.of("region", "mars", "apiVersion", "v2")));
        assertTrue(region.getMessage().contains("'region'"), region.getMessage());
    }

    @Test
    void theVendorsOwnSendRefusalComesFromConfigure() throws Exception {
        assertTrue(configure("customfit", Map.of()).sendRefusal().contains("'endpoint'"));
        assertNull(configure("customfit", Map.of("endpoint", "https://x.example/e")).sendRefusal());
        assertTrue(configure("kustomer", Map.of()).sendRefusal().contains("'orgPod'"));
        assertNull(configure("kustomer", Map.of("orgPod", "prod2")).sendRefusal());
        assertNull(configure("custify", Map.of()).sendRefusal());
        SettingsException e = assertThrows(SettingsException.class,
                () -> configure("kustomer", Map.of()).requireSendable());
        assertTrue(e.getMessage().contains("orgName or baseUrl"), e.getMessage());
    }

    @Test
    void theKeyGoesIntoAuthButNeverIntoTheTranslatorsRequests() throws Exception {
        Configured c = configure("custify", Map.of("apiKey", "custify-secret-0042"));
        assertEquals("custify-secret-0042", c.auth().secret().reveal());
    }

    /** The per-piece calls stay until every caller uses configure(); they must say the same. */
    @Test
    void thePerPieceViewsAgreeWithConfigure() throws Exception {
        for (Destination d : Destinations.all()) {
            Map<String, String> set = d.name().equals("customerio") ? Map.of("apiVersion", "v2") : Map.of();
            Settings s = Settings.resolve(d.name(), d.settings(), set, Map.of(), Map.of(), null);
            Configured c = d.configure(s);
            assertEquals(c.batching(), d.batching(s), d.name());
            assertEquals(c.prePass() == null, d.prePass(s) == null, d.name());
            assertEquals(c.auth().secret().isPresent(), d.auth(s).secret().isPresent(), d.name());
            assertEquals(c.limits().pauseAfter429(), d.throttleWait(), d.name());
            assertEquals(c.limits().defaultRate(), d.defaultRate(), d.name());
            assertNotNull(d.translator(s), d.name());
        }
    }
}
