package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.Settings;
import io.cfsync.dest.VendorRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of {@code --format curl}: credentials as variable references, bodies and URLs quoted for bash. */
class CurlFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CurlFormat format(String dest, Map<String, String> set) throws Exception {
        Destination d = Destinations.find(dest);
        Settings s = Settings.resolve(dest, d.settings(), set, Map.of(), Map.of(), null);
        return CurlFormat.of(d, s, "cf-sync/9.9");
    }

    @Test
    void basicCredentialsAreEncodedByTheShellFromTheSendsVariables() throws Exception {
        String body = "{\"name\":\"O'Brien $HOME\"}";
        VendorRequest r = VendorRequest.json("PUT", "https://track.customer.io/api/v1/customers/u-1",
                JSON.readTree(body));
        String cmd = format("customerio", Map.of("siteId", "real-site", "apiKey", "real-key"))
                .command(r, body.getBytes(StandardCharsets.UTF_8));
        assertEquals("printf '%s' '{\"name\":\"O'\\''Brien $HOME\"}' | curl -sS -X PUT "
                + "'https://track.customer.io/api/v1/customers/u-1' \\\n"
                + "  -H \"Authorization: Basic $(printf '%s' \"${CF_SYNC_CUSTOMERIO_SITE_ID}:"
                + "${CF_SYNC_CUSTOMERIO_API_KEY}\" | base64 | tr -d '\\n')\" \\\n"
                + "  -H 'Content-Type: application/json' \\\n"
                + "  -H 'User-Agent: cf-sync/9.9' \\\n"
                + "  --data-binary @-\n", cmd);
        assertFalse(cmd.contains("real-key") || cmd.contains("real-site"));
    }

    @Test
    void bearerAndNamedHeadersReferToTheKeyVariable() throws Exception {
        VendorRequest get = VendorRequest.json("GET", "https://api.custify.com/people/all?page=1", null);
        assertEquals("curl -sS -X GET 'https://api.custify.com/people/all?page=1' \\\n"
                + "  -H \"Authorization: Bearer ${CF_SYNC_CUSTIFY_API_KEY}\" \\\n"
                + "  -H 'User-Agent: cf-sync/9.9'\n", format("custify", Map.of()).command(get, null));
        String named = format("customfit", Map.of("auth", "header:X-CF-Key")).command(get, null);
        assertTrue(named.contains("-H \"X-CF-Key: ${CF_SYNC_CUSTOMFIT_API_KEY}\""), named);
    }

    @Test
    void aKeyInTheQueryIsPercentEncodedByTheShell() throws Exception {
        VendorRequest get = VendorRequest.json("GET", "https://api.customfit.ai/v1/cfe?a=$1", null);
        String cmd = format("customfit", Map.of("auth", "query-cfenc")).command(get, null);
        assertTrue(cmd.startsWith("curl -sS -X GET \"https://api.customfit.ai/v1/cfe?a=\\$1&cfenc="
                + CurlFormat.percentEncoded("CF_SYNC_CUSTOMFIT_API_KEY") + "\""), cmd);
    }

    @Test
    void singleQuotingSurvivesEveryQuote() {
        assertEquals("'a'\\''b'\\'''", CurlFormat.single("a'b'"));
    }
}
