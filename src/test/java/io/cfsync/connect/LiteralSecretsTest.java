package io.cfsync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which requests to Connect's REST API give a cf-sync secret literally, by key, whatever the route. */
@Timeout(10)
class LiteralSecretsTest {
    private static final String CLASS = CfSyncSinkConnector.class.getName();

    private static LiteralSecrets.Found find(String method, String path, String json) throws Exception {
        return LiteralSecrets.find(method, List.of(path.split("/")), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String config(String dest, String extra) {
        return "{\"connector.class\":\"" + CLASS + "\",\"cf.dest\":\"" + dest + "\"" + extra + "}";
    }

    @Test
    void aCreateNamesTheConnectorAndEachLiteralSecretOfItsDestination() throws Exception {
        String body = "{\"name\":\"orders\",\"config\":" + config("customerio",
                ",\"siteId\":\"site\",\"apiKey\":\"k-1\",\"pipelinesApiKey\":\"${env:PIPELINES_KEY}\"") + "}";
        assertEquals(new LiteralSecrets.Found("orders", List.of("apiKey")), find("POST", "connectors", body));
    }

    @Test
    void putAndPatchTakeTheNameFromThePath() throws Exception {
        String body = config("kustomer", ",\"apiKey\":\"k-1\"");
        assertEquals(new LiteralSecrets.Found("a", List.of("apiKey")), find("PUT", "connectors/a/config", body));
        assertEquals(new LiteralSecrets.Found("b", List.of("apiKey")), find("PATCH", "connectors/b/config", body));
    }

    @Test
    void referencesBlanksOtherConnectorsAndOtherRoutesAreNotFound() throws Exception {
        assertNull(find("PUT", "connectors/a/config", config("custify",
                ",\"apiKey\":\"${file:/etc/kafka/secrets.properties:apiKey}\"")));
        assertNull(find("PUT", "connectors/a/config", config("custify", ",\"apiKey\":\"\"")));
        assertNull(find("PUT", "connectors/a/config",
                "{\"connector.class\":\"FileStreamSink\",\"apiKey\":\"k-1\"}"));
        assertNull(find("PUT", "connector-plugins/CfSyncSink/config/validate", config("custify",
                ",\"apiKey\":\"k-1\"")));
        assertNull(find("GET", "connectors/a/config", ""));
    }

    @Test
    void connectsShortClassNamesAndAnUnknownDestinationAreStillCfSyncs() throws Exception {
        String body = "{\"connector.class\":\"CfSyncSink\",\"cf.dest\":\"${env:DEST}\",\"pipelinesApiKey\":\"p\"}";
        assertEquals(List.of("pipelinesApiKey"), find("PUT", "connectors/a/config", body).keys());
    }
}
