package io.cfsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.Settings;
import io.cfsync.dest.VendorRequest;
import io.cfsync.send.Network;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one setup hands the sink the destination's check request, for the command line and the Connect task alike, so
 * both can tell one request the vendor always fails from an outage.
 */
@Timeout(10)
class SetupTest {
    private static Setup setup(boolean dryRun) throws Exception {
        Destination dest = Destinations.find("customerio");
        Settings settings = Settings.resolve("customerio", dest.settings(), Map.of(), Map.of(),
                Map.of("siteId", "s", "apiKey", "k-123456789"), null);
        return Setup.of(dest, settings, new Setup.Shape(dryRun, 0, Network.DIRECT, List.of()));
    }

    @Test
    void aSendingSetupCarriesTheCheckRequestWithoutCredentials() throws Exception {
        VendorRequest check = setup(false).vendor().check();
        assertEquals("GET", check.method());
        assertEquals("https://track.customer.io/api/v1/accounts/region", check.url());
        assertFalse(check.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization")),
                "credentials are added only when it is sent: " + check.headers());
    }

    @Test
    void aDryRunSendsNothingSoItHasNone() throws Exception {
        assertNull(setup(true).vendor().check());
    }
}
