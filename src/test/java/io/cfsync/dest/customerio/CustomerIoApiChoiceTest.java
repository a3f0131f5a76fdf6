package io.cfsync.dest.customerio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.BatchSpec;
import io.cfsync.dest.Configured;
import io.cfsync.dest.Destination;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.dest.Translation;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The api setting: which API the events go to, which credentials each needs, and how it authenticates. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomerIoApiChoiceTest {
    private static final Destination CIO = new CustomerIoDestination();

    private static Settings settings(Map<String, String> set) throws SettingsException {
        return Settings.resolve(CIO.name(), CIO.settings(), set, Map.of(), Map.of(), null);
    }

    private static Configured configure(Map<String, String> set) throws SettingsException {
        return CIO.configure(settings(set));
    }

    private static Event event(String json) throws Exception {
        return ((Decoded.Ok) new EventDecoder().decode(new ObjectMapper().readTree(json))).event();
    }

    @Test
    void apiVersionV2IsStillTrackV2AndApiTrackV2IsTheSame() throws Exception {
        BatchSpec old = configure(Map.of("apiVersion", "v2")).batching();
        BatchSpec now = configure(Map.of("api", "track-v2")).batching();
        assertEquals("https://track.customer.io/api/v2/batch", old.url());
        assertEquals(old, now);
        assertNull(configure(Map.of("api", "track")).batching());
        assertNull(configure(Map.of()).batching());
    }

    @Test
    void pipelinesBatchesEveryCallButAliasIntoV1Batch() throws Exception {
        BatchSpec b = configure(Map.of("api", "pipelines", "region", "EU")).batching();
        assertEquals("https://cdp-eu.customer.io/v1/batch", b.url());
        assertEquals(500_000, b.maxBodyBytes());
        for (String type : List.of("identify", "track", "page", "screen", "group")) {
            assertTrue(b.takes(VendorRequest.json("POST", "https://cdp-eu.customer.io/v1/" + type,
                    new ObjectMapper().createObjectNode())), type);
        }
        assertFalse(b.takes(VendorRequest.json("POST", "https://cdp-eu.customer.io/v1/alias",
                new ObjectMapper().createObjectNode())));
        assertEquals("1", b.request().headers().get("X-Strict-Mode"));
    }

    @Test
    void conflictingApiAndApiVersionAreRefusedNamingBoth() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> configure(Map.of("api", "pipelines", "apiVersion", "v2")));
        assertTrue(e.getMessage().contains("'api=pipelines'") && e.getMessage().contains("'apiVersion=v2'"),
                e.getMessage());
    }

    @Test
    void pipelinesNeedsItsOwnKeyNotTheTrackApiCredentials() throws Exception {
        String refusal = configure(Map.of("api", "pipelines", "siteId", "s", "apiKey", "k")).sendRefusal();
        assertTrue(refusal.contains("'pipelinesApiKey'"), refusal);
        assertTrue(refusal.contains("CF_SYNC_CUSTOMERIO_PIPELINES_API_KEY"), refusal);
        assertTrue(refusal.contains("siteId and apiKey belong to the Track API"), refusal);
        assertNull(configure(Map.of("api", "pipelines", "pipelinesApiKey", "cdp-key")).sendRefusal());
    }

    @Test
    void trackNeedsSiteIdAndApiKeyAndSaysWhatThePipelinesKeyIsFor() throws Exception {
        String refusal = configure(Map.of("pipelinesApiKey", "cdp-key")).sendRefusal();
        assertTrue(refusal.contains("'siteId'") && refusal.contains("'apiKey'"), refusal);
        assertTrue(refusal.contains("pipelinesApiKey is used only with api=pipelines"), refusal);
        String v2 = configure(Map.of("api", "track-v2", "siteId", "s")).sendRefusal();
        assertTrue(v2.contains("'apiKey'") && !v2.contains("'siteId'") && v2.contains("api=track-v2"), v2);
        assertNull(configure(Map.of("siteId", "s", "apiKey", "k")).sendRefusal());
        assertThrows(SettingsException.class, () -> CIO.checkSendable(settings(Map.of("siteId", "s"))));
    }

    @Test
    void pipelinesAuthIsTheKeyAsUserWithAnEmptyPasswordAndRedactedInPreviews() throws Exception {
        Configured c = configure(Map.of("api", "pipelines", "pipelinesApiKey", "cdp-key"));
        VendorRequest r = VendorRequest.json("POST", "https://cdp.customer.io/v1/track", null);
        String sent = c.auth().apply(r, true).headers().get("Authorization");
        assertEquals("Basic " + Base64.getEncoder().encodeToString("cdp-key:".getBytes(StandardCharsets.UTF_8)),
                sent);
        assertEquals("Basic <redacted>", c.auth().apply(r, false).headers().get("Authorization"));
    }

    @Test
    void pipelinesIdentityRules() throws Exception {
        Configured c = configure(Map.of("api", "pipelines"));
        assertTrue(c.translator().translate(event("{\"type\":\"identify\",\"traits\":{\"email\":\"k@x.io\"}}"),
                PrePassFacts.NONE) instanceof Translation.Requests);
        Translation track = c.translator().translate(event("{\"type\":\"track\",\"event\":\"E\","
                + "\"context\":{\"traits\":{\"email\":\"k@x.io\"}}}"), PrePassFacts.NONE);
        assertEquals("missing-identity", ((Translation.Invalid) track).problem().code());
        assertTrue(((Translation.Invalid) track).problem().detail().contains("userId or anonymousId"));
        Translation alias = c.translator().translate(event("{\"type\":\"alias\",\"anonymousId\":\"a\","
                + "\"previousId\":\"p\"}"), PrePassFacts.NONE);
        assertEquals("missing-identity", ((Translation.Invalid) alias).problem().code());
    }
}
