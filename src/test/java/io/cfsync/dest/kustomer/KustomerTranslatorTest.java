package io.cfsync.dest.kustomer;

import static io.cfsync.dest.kustomer.SessionPrePassTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cfsync.dest.PrePassFacts;
import io.cfsync.dest.Settings;
import io.cfsync.dest.Translation;
import io.cfsync.dest.Translator;
import io.cfsync.event.Event;
import io.cfsync.testkit.DefaultSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What golden files cannot show: warnings, and that the original event is never changed. */
class KustomerTranslatorTest {
    private final Translator translator;

    KustomerTranslatorTest() throws Exception {
        KustomerDestination d = new KustomerDestination();
        translator = d.translator(DefaultSettings.of(d));
    }

    @Test
    void valuesKustomerCannotTakeAreDroppedWithAWarning() {
        Event e = event("{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"name\":\"N\",\"gender\":\"other\","
                + "\"company\":{\"id\":\"c-1\"},\"tags\":\"vip\",\"address\":{\"street\":null},\"plan\":\"pro\"}}");
        Translation.Requests r = (Translation.Requests) translator.translate(e, PrePassFacts.NONE);
        assertEquals(List.of("dropped-company", "dropped-gender", "dropped-tags", "dropped-locations"),
                r.warnings());
        assertEquals("{\"name\":\"N\",\"externalId\":\"u\"}", r.requests().get(1).body().toString());
    }

    @Test
    void theEventItselfIsNeverChanged() {
        String json = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Order Completed\",\"properties\":{"
                + "\"kustomer_session_id\":\"s\",\"revenue\":1,\"email\":\"a@example.org\",\"tags\":[\"a\"],"
                + "\"nested\":{\"x\":null},\"gone\":null}}";
        Event e = event(json);
        String before = e.json().toString();
        Translation first = translator.translate(e, new PrePassFacts("cfs-x"));
        assertEquals(before, e.json().toString());
        assertEquals(first, translator.translate(e, new PrePassFacts("cfs-x")));
    }
}
