package io.cfsync.dest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.event.Problem;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A table fills the body in its own order, first present source winning, and reports the first unmet need. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FieldTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Problem NO_ID = Problem.of("missing-identifier", "needs an id or email");
    private static final Problem NO_TIME = Problem.of("missing-timestamp", "needs a time");
    private static final FieldTable TABLE = FieldTable.builder()
            .requireOneOf(NO_ID, "user_id", "email")
            .field("email", "traits.email", "context.traits.email")
            .required("created_at", NO_TIME, "timestamp", "originalTimestamp")
            .field("name", v -> v.isTextual() ? v : null, "event")
            .build();

    private static ObjectNode fill(String json) throws Exception {
        return TABLE.apply(JSON.readTree(json), JSON.createObjectNode());
    }

    @Test
    void fieldsComeInTableOrderFromTheFirstPresentSource() throws Exception {
        ObjectNode body = fill("{\"event\":\"E\",\"originalTimestamp\":\"t0\",\"timestamp\":\"t1\","
                + "\"context\":{\"traits\":{\"email\":\"c@x.example\"}}}");
        assertEquals("{\"email\":\"c@x.example\",\"created_at\":\"t1\",\"name\":\"E\"}", body.toString());
        assertNull(TABLE.missing(body));
    }

    @Test
    void aTransformThatGivesNothingOmitsTheField() throws Exception {
        assertEquals("{\"created_at\":\"t\"}", fill("{\"event\":7,\"timestamp\":\"t\"}").toString());
    }

    @Test
    void theFirstUnmetRequirementIsReportedInDeclarationOrder() throws Exception {
        assertEquals(NO_ID, TABLE.missing(fill("{}")));
        assertEquals(NO_TIME, TABLE.missing(fill("{\"traits\":{\"email\":\"a@x.example\"}}")));
        ObjectNode byId = fill("{\"timestamp\":\"t\"}");
        assertEquals(NO_ID, TABLE.missing(byId));
        byId.put("user_id", "u-1"); // set by the translator, outside the table
        assertNull(TABLE.missing(byId));
    }

    @Test
    void aNullValueIsNotPresent() throws Exception {
        assertEquals(NO_TIME, TABLE.missing(fill("{\"traits\":{\"email\":\"a@x.example\"},\"timestamp\":null}")));
    }
}
