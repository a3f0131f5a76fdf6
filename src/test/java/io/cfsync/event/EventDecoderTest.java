package io.cfsync.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventDecoder decoder = new EventDecoder();

    private Decoded decode(String json) throws Exception {
        return decoder.decode(JSON.readTree(json));
    }

    private String problem(String json) throws Exception {
        Decoded d = decode(json);
        assertInstanceOf(Decoded.Bad.class, d, json);
        return ((Decoded.Bad) d).problem().code();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{\"type\":\"track\"}]|not-an-object",
        "\"track\"|not-an-object",
        "42|not-an-object",
        "null|not-an-object",
        "{\"userId\":\"u\"}|missing-type",
        "{\"type\":null,\"userId\":\"u\"}|missing-type",
        "{\"type\":\"purchase\",\"userId\":\"u\"}|unknown-type",
        "{\"type\":\"\",\"userId\":\"u\"}|unknown-type",
        "{\"type\":\"TRACK_EVENT\",\"userId\":\"u\"}|unknown-type",
        "{\"type\":7,\"userId\":\"u\"}|unknown-type",
        "{\"type\":\"identify\"}|missing-identity",
        "{\"type\":\"identify\",\"userId\":null,\"anonymousId\":null}|missing-identity",
        "{\"type\":\"identify\",\"userId\":\"\",\"anonymousId\":\"\"}|missing-identity",
        "{\"type\":\"identify\",\"traits\":{\"email\":\"\"}}|missing-identity",
        "{\"type\":\"identify\",\"traits\":{\"email\":42}}|missing-identity",
        "{\"type\":\"track\",\"event\":\"e\",\"properties\":{\"email\":\"a@b.c\"}}|missing-identity",
        "{\"type\":\"identify\",\"userId\":{\"a\":1}}|invalid-user-id",
        "{\"type\":\"track\",\"userId\":\"u\"}|invalid-event-name",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":42}|invalid-event-name",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"\"}|invalid-event-name",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":[\"a\"]}|invalid-event-name",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":true}|invalid-event-name",
        "{\"type\":\"group\",\"userId\":\"u\"}|missing-group-id",
        "{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"\"}|missing-group-id",
        "{\"type\":\"alias\",\"userId\":\"u\"}|missing-previous-id",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":[]}|invalid-properties",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":\"n/a\"}|invalid-properties",
        "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":7}|invalid-traits",
        "{\"type\":\"identify\",\"userId\":\"u\",\"context\":[\"a\"]}|invalid-context",
        "{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"not-a-date\"}|invalid-timestamp",
        "{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"2024-02-30T10:00:00Z\"}|invalid-timestamp",
        "{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"\"}|invalid-timestamp",
        "{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":1709648400000}|invalid-timestamp",
        "{\"type\":\"page\",\"userId\":\"u\",\"originalTimestamp\":\"2024-03-05T25:61:00Z\"}|invalid-timestamp",
    })
    void rejectsWithReason(String json, String code) throws Exception {
        assertEquals(code, problem(json));
    }

    @Test
    void acceptsEveryTypeCaseInsensitively() throws Exception {
        for (String t : new String[] {"identify", "TRACK", "Page", "screen", "group", "alias"}) {
            String extra = switch (t.toLowerCase()) {
                case "track" -> ",\"event\":\"e\"";
                case "group" -> ",\"groupId\":\"g\"";
                case "alias" -> ",\"previousId\":\"p\"";
                default -> "";
            };
            Decoded d = decode("{\"type\":\"" + t + "\",\"anonymousId\":\"a\"" + extra + "}");
            Event e = ((Decoded.Ok) d).event();
            assertEquals(t.toLowerCase(), e.type().wire());
            assertEquals("a", e.envelope().userKey());
        }
    }

    @Test
    void anEmailAloneIsAnIdentityAndOrdersTheEvent() throws Exception {
        Event fromTraits = ((Decoded.Ok) decode("{\"type\":\"identify\","
                + "\"traits\":{\"email\":\"kim@example.net\"}}")).event();
        assertEquals("kim@example.net", fromTraits.envelope().userKey());
        assertEquals(java.util.List.of("kim@example.net"), fromTraits.envelope().identityKeys(null));
        Event fromContext = ((Decoded.Ok) decode("{\"type\":\"track\",\"event\":\"e\","
                + "\"context\":{\"traits\":{\"email\":\"kim@example.net\"}}}")).event();
        assertEquals("kim@example.net", fromContext.envelope().userKey());
    }

    @Test
    void anEventWithAnIdAndAnEmailIsOrderedAgainstBoth() throws Exception {
        Event e = ((Decoded.Ok) decode("{\"type\":\"identify\",\"userId\":\"u-1\","
                + "\"traits\":{\"email\":\"kim@example.net\"}}")).event();
        assertEquals("u-1", e.envelope().userKey());
        assertEquals(java.util.List.of("u-1", "kim@example.net"), e.envelope().identityKeys(null));
    }

    @Test
    void numberIdsBecomeTheirDecimalText() throws Exception {
        Event e = ((Decoded.Ok) decode("{\"type\":\"identify\",\"userId\":12345678901234567890}")).event();
        assertEquals("12345678901234567890", e.userId());
        Event g = ((Decoded.Ok) decode("{\"type\":\"group\",\"userId\":1.50,\"groupId\":7}")).event();
        assertEquals("1.5", g.userId());
        assertEquals("7", ((Event.Group) g).groupId());
    }

    @Test
    void timeIsTimestampElseOriginalTimestampAndNullMeansAbsent() throws Exception {
        Event a = ((Decoded.Ok) decode("{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"2024-03-05T14:20:00Z\","
                + "\"originalTimestamp\":\"2024-03-05T14:19:00Z\"}")).event();
        assertEquals(1709648400000L, a.envelope().timeMillis());
        Event b = ((Decoded.Ok) decode("{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":null,"
                + "\"originalTimestamp\":\"2024-03-05T14:20:00Z\"}")).event();
        assertEquals(1709648400000L, b.envelope().timeMillis());
        Event c = ((Decoded.Ok) decode("{\"type\":\"page\",\"userId\":\"u\",\"properties\":null}")).event();
        assertEquals(false, c.envelope().hasTime());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"x\":1e999}}|properties.x",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"x\":-1e999}}|properties.x",
        "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"items\":[{\"p\":1},{\"p\":2E400}]}}"
                + "|properties.items[1].p",
        "{\"type\":\"identify\",\"userId\":1e999}|userId",
        "{\"type\":\"identify\",\"anonymousId\":\"a\",\"context\":{\"n\":[[1e999]]}}|context.n[0][0]",
    })
    void aNumberBeyondADoubleIsOutOfRangeAndNamed(String json, String path) throws Exception {
        Decoded d = decode(json);
        assertInstanceOf(Decoded.Bad.class, d, "never sent as Infinity");
        Problem p = ((Decoded.Bad) d).problem();
        assertEquals("number-out-of-range", p.code());
        assertEquals(true, p.detail().startsWith("\"" + path + "\" is a number too large"), p.detail());
    }

    @Test
    void largeButFiniteNumbersAreFine() throws Exception {
        assertInstanceOf(Decoded.Ok.class, decode("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\","
                + "\"properties\":{\"x\":1.7e308,\"y\":1e-999,\"z\":123456789012345678901234567890}}"));
    }

    @Test
    void nestingIsLimited() throws Exception {
        String deep = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"a\":"
                + "[".repeat(EventDecoder.MAX_DEPTH - 2) + "]".repeat(EventDecoder.MAX_DEPTH - 2) + "}}";
        assertInstanceOf(Decoded.Ok.class, decode(deep), "the event is level 1, so this is exactly the limit");
        String deeper = deep.replace("[]", "[[]]");
        assertEquals("too-deeply-nested", problem(deeper));
    }
}
