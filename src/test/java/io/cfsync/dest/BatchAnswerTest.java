package io.cfsync.dest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A batch answer is trusted only when it names each rejected entity unambiguously. */
class BatchAnswerTest {
    private static BatchAnswer read(int status, String body) {
        return BatchAnswer.read(status, body == null ? null : body.getBytes(StandardCharsets.UTF_8), 10);
    }

    @Test
    void a207NamesEachRejectedEntityWithTheVendorsReason() {
        BatchAnswer a = read(207, "{\"errors\":[{\"batch_index\":1,\"reason\":\"invalid\",\"field\":\"identifiers\","
                + "\"message\":\"missing id\"},{\"batch_index\":3,\"reason\":\"too_large\"},{\"batch_index\":3,"
                + "\"reason\":\"twice\"}]}");
        assertTrue(a.readable(), a.unreadable());
        assertEquals(Map.of(1, "invalid identifiers missing id", 3, "too_large; twice"), a.rejected());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"errors\":[{\"batch_index\":\"0\",\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":999999,\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":10,\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":-1,\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":1.5,\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":99999999999,\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":null}]}",
        "{\"errors\":[{\"reason\":\"invalid\"}]}",
        "{\"errors\":[{\"batch_index\":1},{\"reason\":\"second names no entity\"}]}",
        "{\"errors\":[\"invalid\"]}",
        "{\"errors\":[]}",
        "{\"errors\":{\"batch_index\":1}}",
        "{\"errors\":null}",
        "{}",
        "{\"meta\":{\"errors\":[\"invalid\"]}}",
        "[]",
        "<html>Bad gateway</html>",
        "{\"errors\":[{\"batch_index\":1,",
        "",
        "   "})
    void a207ThatDoesNotNameEachRejectedEntityIsUnreadable(String body) {
        BatchAnswer a = read(207, body);
        assertFalse(a.readable(), body);
        assertEquals(Map.of(), a.rejected());
    }

    @Test
    void a207WithoutABodyIsUnreadable() {
        assertFalse(read(207, null).readable());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"200|", "200|{}", "200|'  { } '", "200|{\"errors\":[]}",
        "200|{\"status\":\"ok\"}", "204|", "202|{\"meta\":{}}"})
    void aSuccessWithAnEmptyObjectOrNothingAcceptsEveryEntity(int status, String body) {
        BatchAnswer a = read(status, body);
        assertTrue(a.readable(), a.unreadable());
        assertEquals(Map.of(), a.rejected());
    }

    @Test
    void a200ThatNamesRejectedEntitiesIsReadLikeA207() {
        BatchAnswer a = read(200, "{\"errors\":[{\"batch_index\":4,\"reason\":\"invalid\",\"message\":\"bad\"}]}");
        assertTrue(a.readable(), a.unreadable());
        assertEquals(Map.of(4, "invalid bad"), a.rejected());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"errors\":[{\"batch_index\":\"0\"}]}",
        "{\"errors\":[{\"batch_index\":999999}]}",
        "{\"errors\":[\"invalid event\"]}",
        "{\"errors\":\"invalid event\"}",
        "{\"error\":\"invalid event\"}",
        "{\"meta\":{\"errors\":[\"invalid event\"]}}",
        "{\"meta\":{\"error\":\"unauthorized\"}}",
        "<html><body>Welcome to the proxy</body></html>",
        "OK",
        "[{}]",
        "\"ok\"",
        "{\"truncated\":"})
    void a200ThatIsNotWhatTheContractSaysIsUnreadable(String body) {
        BatchAnswer a = read(200, body);
        assertFalse(a.readable(), body);
        assertEquals(Map.of(), a.rejected());
    }
}
