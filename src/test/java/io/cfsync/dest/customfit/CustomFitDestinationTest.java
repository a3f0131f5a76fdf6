package io.cfsync.dest.customfit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.dest.Auth;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Secret;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.dest.VendorRequest;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import io.cfsync.testkit.Cli;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomFitDestinationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "customfit-secret-0001";
    private final CustomFitDestination dest = new CustomFitDestination();

    private Settings settings(String baseUrl, Map<String, String> env, String... kv) throws SettingsException {
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            set.put(kv[i], kv[i + 1]);
        }
        return Settings.resolve(dest.name(), dest.settings(), set, env, Map.of(), baseUrl);
    }

    private Settings settings(String... kv) throws SettingsException {
        return settings(null, Map.of(), kv);
    }

    private static Event event(String json) throws Exception {
        return ((Decoded.Ok) new EventDecoder().decode(JSON.readTree(json))).event();
    }

    @Test
    void refusesToSendWithoutAnExplicitEndpoint() throws Exception {
        SettingsException e = assertThrows(SettingsException.class,
                () -> dest.checkSendable(settings("apiKey", KEY)));
        assertTrue(e.getMessage().contains("'endpoint'"), e.getMessage());
        assertTrue(e.getMessage().contains("no server-side ingestion endpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("--set endpoint=URL"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void baseUrlAloneDoesNotMakeAnEndpoint() throws Exception {
        Settings s = settings("http://localhost:8089", Map.of(), "apiKey", KEY);
        assertThrows(SettingsException.class, () -> dest.checkSendable(s));
    }

    @Test
    void missingKeyIsReportedBeforeTheEndpoint() throws Exception {
        SettingsException e = assertThrows(SettingsException.class, () -> dest.checkSendable(settings()));
        assertTrue(e.getMessage().contains("'apiKey'"), e.getMessage());
    }

    @Test
    void sendableWithKeyAndEndpointFromAnySource() throws Exception {
        assertDoesNotThrow(() -> dest.checkSendable(settings("apiKey", KEY, "endpoint", "https://x.example/e")));
        Settings fromEnv = settings(null, Map.of("CF_SYNC_CUSTOMFIT_SERVER_KEY", KEY,
                "CF_SYNC_CUSTOMFIT_ENDPOINT", "https://x.example/e"));
        assertDoesNotThrow(() -> dest.checkSendable(fromEnv));
    }

    @Test
    void serverKeyIsAnAliasOfTheSecretApiKey() throws Exception {
        Settings s = settings("serverKey", KEY);
        assertEquals(KEY, s.secret("apiKey").reveal());
        assertEquals(Secret.REDACTED, s.describe().get("apiKey"));
    }

    @Test
    void sendWithoutEndpointFailsOnTheCommandLine() {
        Cli.Result r = Cli.run(new byte[0], Map.of(), "send", "--dest", "customfit", "--set", "apiKey=" + KEY, "-");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'endpoint' is required to send"), r.err());
        assertFalse(r.err().contains(KEY));
    }

    @Test
    void authValues() throws Exception {
        VendorRequest r = VendorRequest.json("POST", "https://x.example/e", JSON.createObjectNode());
        Secret key = Secret.of("a b/c");
        assertEquals("Bearer a b/c", CustomFitSettings.parseAuth("bearer", key).apply(r, true).headers()
                .get("Authorization"));
        Auth query = CustomFitSettings.parseAuth("Query-CFENC", key);
        assertEquals("https://x.example/e?cfenc=a%20b%2Fc", query.apply(r, true).url());
        assertEquals("https://x.example/e?cfenc=<redacted>", query.apply(r, false).url());
        assertEquals("https://x.example/e?a=1&cfenc=<redacted>",
                query.apply(r.withUrl("https://x.example/e?a=1"), false).url());
        VendorRequest h = CustomFitSettings.parseAuth("header:X-CF-Key", key).apply(r, false);
        assertEquals("<redacted>", h.headers().get("X-CF-Key"));
        assertFalse(h.headers().containsKey("Authorization"));
    }

    @Test
    void badAuthNamesTheSetting() {
        for (String bad : new String[] {"basic", "", "header:", "header:Bad Name", "header:content-type",
                "header:X:Y"}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> dest.translator(settings("apiKey", KEY, "auth", bad)), bad);
            assertTrue(e.getMessage().contains("customfit setting 'auth'"), e.getMessage());
        }
    }

    @Test
    void badWireFormatNamesTheSetting() {
        SettingsException e = assertThrows(SettingsException.class, () -> settings("wireFormat", "batch"));
        assertTrue(e.getMessage().contains("'wireFormat'"), e.getMessage());
    }

    @Test
    void endpointAndBaseUrl() throws Exception {
        assertEquals(CustomFitSettings.UNCONFIGURED, CustomFitSettings.url(settings()));
        assertEquals("https://x.example/v1/cfe",
                CustomFitSettings.url(settings("endpoint", "https://x.example/v1/cfe/")));
        assertEquals("http://localhost:8089/UNCONFIGURED",
                CustomFitSettings.url(settings("http://localhost:8089", Map.of())));
        assertEquals("http://localhost:8089/p/v1/cfe?a=%20b", CustomFitSettings.url(settings(
                "http://localhost:8089/p/", Map.of(), "endpoint", "https://x.example:8443/v1/cfe?a=%20b")));
        assertEquals("http://localhost:8089", CustomFitSettings.url(settings("http://localhost:8089", Map.of(),
                "endpoint", "https://x.example")));
        SettingsException e = assertThrows(SettingsException.class,
                () -> CustomFitSettings.url(settings("endpoint", "https://x.example/e#part")));
        assertTrue(e.getMessage().contains("'endpoint'"), e.getMessage());
    }

    @Test
    void translationIsPureAndLeavesTheEventAlone() throws Exception {
        Translator t = dest.translator(settings("apiKey", KEY, "includeTimestamp", "true", "includeInsertId",
                "true"));
        for (String line : new String[] {
                "{\"type\":\"identify\",\"userId\":\"u\",\"messageId\":\"m\",\"traits\":{\"a\":{\"b\":1}}}",
                "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2024-03-05T14:20:00Z\","
                        + "\"properties\":{\"x\":[1]}}"}) {
            Event e = event(line);
            ObjectNode before = e.json().deepCopy();
            Translation first = t.translate(e, PrePassFacts.NONE);
            Translation second = t.translate(e, PrePassFacts.NONE);
            assertEquals(first, second);
            assertEquals(before, e.json());
            assertInstanceOf(Translation.Requests.class, first);
        }
        Translator sdk = dest.translator(settings("apiKey", KEY, "wireFormat", "sdk-envelope"));
        Event e = event("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":"
                + "\"0001-01-01T00:00:00.9999Z\"}");
        VendorRequest r = ((Translation.Requests) sdk.translate(e, PrePassFacts.NONE)).requests().get(0);
        assertEquals("0001-01-01 00:00:00.999Z", r.body().at("/events/0/event_timestamp").textValue());
    }

    @Test
    void missingUserIdIsInvalidUnlessFallingBack() throws Exception {
        Event anon = event("{\"type\":\"track\",\"anonymousId\":\"a-1\",\"event\":\"E\"}");
        Translation t = dest.translator(settings()).translate(anon, PrePassFacts.NONE);
        Translation.Invalid inv = assertInstanceOf(Translation.Invalid.class, t);
        assertEquals("missing-identity", inv.problem().code());
        Translation ok = dest.translator(settings("anonymousFallback", "true")).translate(anon, PrePassFacts.NONE);
        assertEquals("a-1", ((Translation.Requests) ok).requests().get(0).body().get("user_customer_id").textValue());
    }
}
