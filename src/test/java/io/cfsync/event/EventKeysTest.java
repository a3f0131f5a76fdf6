package io.cfsync.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event without a messageId is known by the hash of its canonical form, and the ledger keeps that key from run
 * to run: a key that changed would send again every such event an earlier run delivered.
 */
class EventKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"Order Completed\","
            + "\"properties\":{\"z\":1,\"a\":[{\"y\":2.50,\"b\":null,\"x\":true}],"
            + "\"m\":\"\u00e9 \ud83d\ude00 \\\"q\\\" \\\\ \\u0001\"},"
            + "\"context\":{\"b\":1e400,\"a\":12345678901234567890123}}";

    @Test
    void theKeysLedgersAlreadyHoldStayTheSame() throws Exception {
        // Written by earlier releases, which serialized with a mapper that sorts properties.
        assertEquals("sha256:4054629be7f782c7fb3cec4a38b52dd9ba215453469dfc54dbbba89653088629",
                EventKeys.of(null, JSON.readTree(EVENT)));
        assertEquals("sha256:a1f0acae8ef5861541b509e596aaddd244ab74e2622b0a2351c29b53ddf082a1",
                EventKeys.of(null, JSON.readTree("{\"b\":1,\"a\":{\"d\":[],\"c\":{}}}")));
    }

    @Test
    void theCanonicalFormIsTheSortedCompactText() throws Exception {
        ObjectMapper sorting = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
        ObjectMapper decimals = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();
        for (String json : List.of(EVENT, "{\"b\":[3,{\"z\":0.1,\"a\":-0.0}],\"a\":\"x\"}", "[]", "\"s\"",
                "{\"\u00e9\":1,\"e\":2,\"E\":3,\"\":4,\"10\":5,\"9\":6}")) {
            for (ObjectMapper read : List.of(JSON, decimals)) {
                byte[] text = sorting.writeValueAsString(read.readTree(json)).getBytes(StandardCharsets.UTF_8);
                String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text));
                assertEquals(expected, EventKeys.of(null, read.readTree(json)), json);
            }
        }
    }

    @Test
    void aMessageIdIsTheKeyItself() throws Exception {
        assertEquals("m-1", EventKeys.of("m-1", JSON.readTree(EVENT)));
    }
}
