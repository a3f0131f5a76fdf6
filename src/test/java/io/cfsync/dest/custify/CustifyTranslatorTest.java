package io.cfsync.dest.custify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Settings;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.event.Decoded;
import io.cfsync.event.Event;
import io.cfsync.event.EventDecoder;
import io.cfsync.testkit.DefaultSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the golden files cannot show: warnings, and that the input event is never changed. */
class CustifyTranslatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Translator translator = new CustifyDestination().configure(
            DefaultSettings.of(new CustifyDestination())).translator();

    private static Event event(String json) throws Exception {
        return ((Decoded.Ok) new EventDecoder().decode(JSON.readTree(json))).event();
    }

    @Test
    void groupWithoutUserSendsTheCompanyOnlyWithAWarning() throws Exception {
        Translation t = translator.translate(event("{\"type\":\"group\",\"anonymousId\":\"a-1\",\"groupId\":\"g-1\","
                + "\"traits\":{\"userId\":\"not-a-person\",\"email\":\"billing@g.example\"}}"), PrePassFacts.NONE);
        Translation.Requests r = assertInstanceOf(Translation.Requests.class, t);
        assertEquals(1, r.requests().size());
        assertEquals("https://api.custify.com/company", r.requests().get(0).url());
        assertEquals(List.of("group-without-user"), r.warnings());
    }

    @Test
    void groupWithUserHasNoWarning() throws Exception {
        Translation.Requests r = assertInstanceOf(Translation.Requests.class, translator.translate(
                event("{\"type\":\"group\",\"userId\":\"u-1\",\"groupId\":\"g-1\"}"), PrePassFacts.NONE));
        assertEquals(2, r.requests().size());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void theEventIsNotChanged() throws Exception {
        String[] lines = {
            "{\"type\":\"identify\",\"userId\":\"u-1\",\"traits\":{\"email\":\"e@x.org\",\"company\":{\"id\":\"c\"},"
                    + "\"tags\":[\"a\"],\"n\":null,\"phone\":\"1\"}}",
            "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                    + "\"properties\":{\"a\":{\"b\":1},\"c\":\"\",\"d\":0}}",
            "{\"type\":\"group\",\"userId\":\"u-1\",\"groupId\":\"g\",\"traits\":{\"name\":\"G\",\"x\":[1]},"
                    + "\"context\":{\"traits\":{\"email\":\"e@x.org\",\"company\":{\"id\":\"g\",\"remove\":true}}}}"};
        for (String line : lines) {
            Event e = event(line);
            JsonNode before = e.json().deepCopy();
            Translation first = translator.translate(e, PrePassFacts.NONE);
            assertEquals(before, e.json(), line);
            assertEquals(first, translator.translate(e, PrePassFacts.NONE), "same event, same translation");
        }
    }

    @Test
    void idsAreStringsOrNumbers() {
        assertEquals("42", CustifyTranslator.idText(JSON.getNodeFactory().numberNode(42)));
        assertEquals("1.5", CustifyTranslator.idText(JSON.getNodeFactory().numberNode(1.50)));
        assertEquals("x", CustifyTranslator.idText(JSON.getNodeFactory().textNode("x")));
        assertEquals(null, CustifyTranslator.idText(JSON.getNodeFactory().textNode("")));
        assertEquals(null, CustifyTranslator.idText(JSON.getNodeFactory().booleanNode(true)));
        assertEquals(null, CustifyTranslator.idText(JSON.getNodeFactory().objectNode()));
    }
}
