package io.cfsync.dest.customerio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.Configured;
import io.cfsync.dest.Destination;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Settings;
import io.cfsync.dest.Translation;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What Customer.io's published contract allows, request by request, where cf-sync used to send otherwise. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomerIoFindingsTest {
    private static final Destination CIO = new CustomerIoDestination();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Configured configure(Map<String, String> set) throws Exception {
        return CIO.configure(Settings.resolve(CIO.name(), CIO.settings(), set, Map.of(), Map.of(), null));
    }

    private static Translation translate(Configured c, String json) throws Exception {
        Event e = ((Decoded.Ok) new EventDecoder().decode(JSON.readTree(json))).event();
        return c.translator().translate(e, PrePassFacts.NONE);
    }

    private static VendorRequest only(Translation t) {
        assertTrue(t instanceof Translation.Requests, String.valueOf(t));
        List<VendorRequest> rs = ((Translation.Requests) t).requests();
        assertEquals(1, rs.size());
        return rs.get(0);
    }

    @Test
    void v2AnonymousEventsGoToTheV1AnonymousEndpointNeverAsAnAnonymousPerson() throws Exception {
        Configured v2 = configure(Map.of("api", "track-v2"));
        for (String type : new String[] {"track", "page", "screen"}) {
            VendorRequest r = only(translate(v2, "{\"type\":\"" + type + "\",\"messageId\":\"m-1\","
                    + "\"anonymousId\":\"anon-1\",\"event\":\"Viewed\",\"name\":\"Home\","
                    + "\"timestamp\":\"2024-03-05T14:00:00Z\",\"properties\":{\"a\":1}}"));
            assertEquals("POST", r.method());
            assertEquals("https://track.customer.io/api/v1/events", r.url(), type);
            assertEquals("anon-1", r.body().get("anonymous_id").asText());
            assertEquals(1709647200, r.body().get("timestamp").asLong());
            assertFalse(r.body().has("identifiers"), type);
            assertFalse(v2.batching().takes(r), "the v1 request is sent alone, not packed into a v2 batch");
        }
        VendorRequest known = only(translate(v2, "{\"type\":\"page\",\"userId\":\"u-1\",\"anonymousId\":\"a\","
                + "\"name\":\"Home\"}"));
        assertEquals("https://track.customer.io/api/v2/entity", known.url());
        assertEquals("{\"id\":\"u-1\"}", known.body().get("identifiers").toString());
        assertEquals("anonymous", ((Translation.Skipped) translate(configure(Map.of("api", "track-v2",
                "anonymous", "skip")), "{\"type\":\"track\",\"anonymousId\":\"a\",\"event\":\"E\"}")).reason());
    }

    @Test
    void pipelinesEmailOnlyIdentifyCarriesAnEmptyUserIdAndNeedsTheEmailTrait() throws Exception {
        Configured p = configure(Map.of("api", "pipelines"));
        JsonNode body = only(translate(p, "{\"type\":\"identify\",\"traits\":{\"email\":\"k@x.io\"}}")).body();
        assertTrue(body.has("userId"), "the schema requires userId or anonymousId: " + body);
        assertEquals("", body.get("userId").textValue());
        assertEquals("k@x.io", body.at("/traits/email").textValue());
        JsonNode known = only(translate(p, "{\"type\":\"identify\",\"userId\":\"u-1\",\"traits\":{}}")).body();
        assertEquals("u-1", known.get("userId").textValue());
        Translation ctxOnly = translate(p, "{\"type\":\"identify\",\"context\":{\"traits\":{\"email\":\"k@x.io\"}}}");
        assertEquals("missing-identity", ((Translation.Invalid) ctxOnly).problem().code());
        assertTrue(((Translation.Invalid) ctxOnly).problem().detail().contains("traits.email"));
    }

    @Test
    void pipelinesBatchesShareContextAndIntegrationsUnlessEachCallKeepsItsOwn() throws Exception {
        assertEquals(List.of("context", "integrations"),
                configure(Map.of("api", "pipelines")).batching().shared());
        assertEquals(List.of(), configure(Map.of("api", "pipelines", "pipelinesContext", "call")).batching().shared());
    }

    @Test
    void v2IdentifyKeepsItsTimeAsTheTopLevelTimestamp() throws Exception {
        JsonNode e = only(translate(configure(Map.of("api", "track-v2")), "{\"type\":\"identify\",\"userId\":\"u\","
                + "\"originalTimestamp\":\"2024-03-05T14:20:00Z\",\"traits\":{\"plan\":\"pro\"}}")).body();
        assertEquals(1709648400, e.get("timestamp").asLong());
        assertFalse(e.get("attributes").has("_timestamp"), e.toString());
        JsonNode v1 = only(translate(configure(Map.of()), "{\"type\":\"identify\",\"userId\":\"u\","
                + "\"timestamp\":\"2024-03-05T14:20:00Z\",\"traits\":{}}")).body();
        assertEquals(1709648400, v1.get("_timestamp").asLong());
    }

    @Test
    void identifyLeavesOutNullsAndAnEmailThatIsNotAnAddressButKeepsNumbersObjectsAndArrays() throws Exception {
        for (Map<String, String> api : List.of(Map.<String, String>of(), Map.of("api", "track-v2"))) {
            Translation t = translate(configure(api), "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":"
                    + "{\"email\":\"not an address\",\"gone\":null,\"score\":4.5,\"tags\":[\"a\"],"
                    + "\"company\":{\"id\":1}}}");
            JsonNode body = only(t).body();
            JsonNode attrs = body.has("attributes") ? body.get("attributes") : body;
            assertEquals("{\"score\":4.5,\"tags\":[\"a\"],\"company\":{\"id\":1}}", attrs.toString(), api.toString());
            assertEquals(List.of("invalid-email-dropped", "null-attribute-dropped"),
                    ((Translation.Requests) t).warnings(), api.toString());
        }
    }

    @Test
    void anEmailThatIsNotAnAddressNamesNobody() throws Exception {
        Configured v1 = configure(Map.of());
        Translation identify = translate(v1, "{\"type\":\"identify\",\"anonymousId\":\"a\","
                + "\"traits\":{\"email\":\"nobody\"}}");
        assertEquals("missing-identity", ((Translation.Invalid) identify).problem().code());
        VendorRequest track = only(translate(v1, "{\"type\":\"track\",\"anonymousId\":\"a\",\"event\":\"E\","
                + "\"context\":{\"traits\":{\"email\":\"nobody\"}}}"));
        assertEquals("https://track.customer.io/api/v1/events", track.url(), "not a person whose id is 'nobody'");
        Translation v2 = translate(configure(Map.of("api", "track-v2")), "{\"type\":\"identify\",\"anonymousId\":"
                + "\"a\",\"traits\":{\"email\":\"nobody\"}}");
        assertEquals("missing-identity", ((Translation.Invalid) v2).problem().code());
    }

    @Test
    void aDeviceIsAddedOnlyForThePlatformsTheVendorKnows() throws Exception {
        Configured v1 = configure(Map.of());
        String install = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Application Installed\","
                + "\"context\":{\"device\":{\"token\":\"t\"%s}}}";
        VendorRequest android = only(translate(v1, String.format(install, ",\"type\":\"Android\"")));
        assertEquals("android", android.body().at("/device/platform").asText());
        for (String other : new String[] {"", ",\"type\":\"web\""}) {
            VendorRequest r = only(translate(v1, String.format(install, other)));
            assertEquals("https://track.customer.io/api/v1/customers/u/events", r.url(), other);
        }
    }
}
