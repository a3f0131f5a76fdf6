package io.cfsync.dest.customerio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the golden files cannot show for apiVersion=v2: warnings, purity, and the entity as the whole body. */
class CustomerIoEntitiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CustomerIoDestination DEST = new CustomerIoDestination();

    private static Translator translator(Map<String, String> set) throws SettingsException {
        return DEST.translator(Settings.resolve(DEST.name(), DEST.settings(), set, Map.of(), Map.of(), null));
    }

    private static Translator v2() throws SettingsException {
        return translator(Map.of("apiVersion", "v2"));
    }

    private static Event event(String json) throws Exception {
        return ((Decoded.Ok) new EventDecoder().decode(JSON.readTree(json))).event();
    }

    @Test
    void v1StaysTheDefault() throws Exception {
        Translation.Requests r = assertInstanceOf(Translation.Requests.class, translator(Map.of()).translate(
                event("{\"type\":\"identify\",\"userId\":\"u-1\"}"), PrePassFacts.NONE));
        assertEquals("https://track.customer.io/api/v1/customers/u-1", r.requests().get(0).url());
    }

    @Test
    void apiVersionAcceptsOnlyV1OrV2() {
        assertThrows(SettingsException.class, () -> translator(Map.of("apiVersion", "v3")));
    }

    @Test
    void warningsAreTheSameAsInV1() throws Exception {
        StringBuilder traits = new StringBuilder("{\"email\":\"e@x.org\"");
        for (int i = 0; i < 31; i++) {
            traits.append(",\"t").append(i).append("\":").append(i);
        }
        traits.append(",\"").append("k".repeat(151)).append("\":1}");
        Event identify = event("{\"type\":\"identify\",\"userId\":\"u-1\",\"traits\":" + traits + "}");
        Event longName = event("{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"" + "n".repeat(120) + "\"}");
        for (Event e : List.of(identify, longName)) {
            Translation.Requests one = assertInstanceOf(Translation.Requests.class,
                    translator(Map.of()).translate(e, PrePassFacts.NONE));
            Translation.Requests two = assertInstanceOf(Translation.Requests.class,
                    v2().translate(e, PrePassFacts.NONE));
            assertEquals(one.warnings(), two.warnings());
        }
        Translation.Requests r = (Translation.Requests) v2().translate(identify, PrePassFacts.NONE);
        assertEquals(List.of("attribute-name-too-long", "trait-cap"), r.warnings());
        assertEquals(30, r.requests().get(0).body().get("attributes").size());
    }

    @Test
    void theEntityIsTheWholeBodyOfOnePost() throws Exception {
        Event e = event("{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\",\"properties\":{\"a\":1}}");
        Translation.Requests r = (Translation.Requests) v2().translate(e, PrePassFacts.NONE);
        assertEquals(1, r.requests().size());
        assertEquals("POST", r.requests().get(0).method());
        assertEquals("https://track.customer.io/api/v2/entity", r.requests().get(0).url());
        CustomerIoEntities.Entity entity = new CustomerIoEntities(CustomerIoSettings.from(
                Settings.resolve(DEST.name(), DEST.settings(), Map.of("apiVersion", "v2"), Map.of(), Map.of(), null)))
                .build(e);
        assertNull(entity.refusal());
        assertEquals(entity.json(), r.requests().get(0).body());
    }

    @Test
    void theEventIsNotChangedAndTheSameEventMapsTheSameWay() throws Exception {
        String[] lines = {
            "{\"type\":\"identify\",\"userId\":\"u-1\",\"anonymousId\":\"a\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                    + "\"traits\":{\"address\":{\"city\":\"Oslo\"},\"d\":\"2024-01-01\",\"n\":{\"d\":\"2024-01-01\"},"
                    + "\"createdAt\":\"2020-01-01\"}}",
            "{\"type\":\"track\",\"anonymousId\":\"a\",\"event\":\"E\",\"properties\":{\"n\":{\"d\":\"2024-01-01\"}}}",
            "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Application Installed\",\"properties\":{\"v\":1},"
                    + "\"context\":{\"device\":{\"token\":\"t\",\"type\":\"iOS\"}}}",
            "{\"type\":\"screen\",\"userId\":\"cio_x\",\"name\":\"S\"}",
            "{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"g\",\"traits\":{\"action\":\"delete\",\"x\":[1]}}",
            "{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"p@x.org\"}"};
        Translator t = v2();
        for (String line : lines) {
            Event e = event(line);
            JsonNode before = e.json().deepCopy();
            Translation first = t.translate(e, PrePassFacts.NONE);
            assertEquals(before, e.json(), line);
            assertEquals(first, t.translate(e, PrePassFacts.NONE), line);
        }
    }

    @Test
    void v2EventsCarryTheSameDedupeIdAsV1() throws Exception {
        String[] lines = {
            "{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"u-1\",\"event\":\"E\","
                    + "\"timestamp\":\"2024-03-05T14:25:12.480Z\"}",
            "{\"type\":\"track\",\"messageId\":\"m-2\",\"anonymousId\":\"a-1\",\"event\":\"E\"}",
            "{\"type\":\"page\",\"messageId\":\"m-3\",\"userId\":\"u-1\",\"name\":\"Home\","
                    + "\"originalTimestamp\":\"2024-03-05T14:00:00Z\"}",
            "{\"type\":\"screen\",\"messageId\":\"m-4\",\"userId\":\"u-1\",\"name\":\"S\"}"};
        Translator v1 = translator(Map.of());
        Translator v2 = v2();
        for (String line : lines) {
            Event e = event(line);
            JsonNode one = ((Translation.Requests) v1.translate(e, PrePassFacts.NONE)).requests().get(0).body();
            JsonNode two = ((Translation.Requests) v2.translate(e, PrePassFacts.NONE)).requests().get(0).body();
            assertEquals(26, one.path("id").asText().length(), line);
            assertEquals(one.get("id"), two.get("id"), line);
            assertEquals(EventIds.ulid(e.messageId(), e.envelope().timeMillis()), two.get("id").asText(), line);
        }
        Event noMessageId = event("{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\"}");
        assertNull(((Translation.Requests) v2.translate(noMessageId, PrePassFacts.NONE)).requests().get(0).body()
                .get("id"));
        Event identify = event("{\"type\":\"identify\",\"messageId\":\"m-5\",\"userId\":\"u-1\"}");
        assertNull(((Translation.Requests) v2.translate(identify, PrePassFacts.NONE)).requests().get(0).body()
                        .get("id"),
                "identify is idempotent by nature and the vendor's identify action has no id");
    }

    @Test
    void batchContractMatchesTheVendorLimits() {
        assertEquals(new CustomerIoBatchContract("/api/v2/batch", 500_000, 32_768, 1000), CustomerIoBatchContract.V2);
    }
}
