package io.cfsync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cfsync.testkit.Cli;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code send --dry-run --format curl}, run by bash, makes the very requests a real send makes: same method, URL,
 * headers and body bytes, credentials taken from the environment variables a send reads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CurlReplayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "k'ey$HOME`x`\"\\!";
    /** Quotes, shell specials, escapes and non-ASCII in the body, to prove the quoting. */
    private static final String EVENTS = ""
            + "{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"u 1/ø\",\"timestamp\":\"2024-03-05T14:20:00Z\","
            + "\"traits\":{\"email\":\"a@example.org\",\"name\":\"O'Brien $HOME `id` \\\\ \\\" \\n ü 🎉 '\\\\''\"}}\n"
            + "{\"type\":\"track\",\"messageId\":\"m2\",\"userId\":\"u 1/ø\",\"event\":\"Order 'Done'\","
            + "\"timestamp\":\"2024-03-05T14:21:00Z\",\"properties\":{\"price\":1.5e3,\"note\":\"$(rm -rf /)\"}}\n"
            + "{\"type\":\"group\",\"messageId\":\"m3\",\"userId\":\"u 1/ø\",\"groupId\":\"g-1\","
            + "\"timestamp\":\"2024-03-05T14:22:00Z\",\"traits\":{\"name\":\"Acme's\"}}\n";

    @TempDir
    Path tmp;
    private WireMockServer vendor;

    @BeforeEach
    void start() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
        vendor.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @AfterEach
    void stop() {
        vendor.stop();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> settings(String dest) {
        switch (dest) {
            case "customerio":
                return List.of();
            case "customerio-v2":
                return List.of("--set", "apiVersion=v2");
            case "customfit":
                return List.of("--set", "endpoint=https://api.customfit.ai/v1/cfe?v=2", "--set", "auth=query-cfenc");
            default:
                return List.of();
        }
    }

    private static Map<String, String> env(String dest) {
        return dest.startsWith("customerio")
                ? Map.of("CF_SYNC_CUSTOMERIO_SITE_ID", "site:7 é", "CF_SYNC_CUSTOMERIO_API_KEY", KEY)
                : Map.of("CF_SYNC_" + dest.toUpperCase() + "_API_KEY", KEY);
    }

    private Cli.Result cfSync(String dest, String... more) throws Exception {
        Path in = tmp.resolve("events.ndjson");
        Files.writeString(in, EVENTS);
        List<String> args = new ArrayList<>(List.of("send", "--dest", dest.replace("-v2", ""), "--base-url",
                vendor.baseUrl(),
                "--no-state", "--concurrency", "1", "-q"));
        args.addAll(settings(dest));
        args.addAll(List.of(more));
        args.add(in.toString());
        return Cli.run(new byte[0], env(dest), args.toArray(String[]::new));
    }

    private List<LoggedRequest> takeRequests() {
        List<LoggedRequest> seen = vendor.findAll(anyRequestedFor(anyUrl()));
        vendor.resetRequests();
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"customerio", "customerio-v2", "custify", "customfit"})
    void theCommandsReplayExactlyWhatASendSends(String dest) throws Exception {
        assumeTrue(onPath("bash") && onPath("curl"), "bash and curl are needed to run the printed commands");
        Cli.Result sent = cfSync(dest);
        assertEquals(0, sent.exit(), sent.err());
        List<LoggedRequest> real = takeRequests();

        Cli.Result printed = cfSync(dest, "--dry-run", "--format", "curl");
        assertEquals(0, printed.exit(), printed.err());
        assertFalse(printed.out().contains(KEY), "a credential was printed");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -e\n" + printed.out())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false);
        pb.environment().putAll(env(dest));
        Process bash = pb.start();
        String err = new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        bash.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, bash.exitValue(), err);
        List<LoggedRequest> replayed = takeRequests();

        assertEquals(real.size(), replayed.size(), "requests");
        for (int i = 0; i < real.size(); i++) {
            LoggedRequest a = real.get(i);
            LoggedRequest b = replayed.get(i);
            assertEquals(a.getMethod(), b.getMethod());
            assertEquals(a.getUrl(), b.getUrl());
            for (String h : List.of("Authorization", "Content-Type", "User-Agent")) {
                assertEquals(a.getHeader(h), b.getHeader(h), h);
            }
            assertArrayEquals(a.getBody(), b.getBody(), a.getUrl());
        }
        assertSameAsDryRun(dest, replayed);
    }

    /** Method, URL (credential aside), headers and body are also those the JSON dry-run shows. */
    private void assertSameAsDryRun(String dest, List<LoggedRequest> replayed) throws Exception {
        Cli.Result json = cfSync(dest, "--dry-run");
        Iterator<LoggedRequest> it = replayed.iterator();
        for (String line : json.out().split("\n")) {
            JsonNode r = JSON.readTree(line);
            LoggedRequest q = it.next();
            assertEquals(r.get("method").asText(), q.getMethod().getName());
            String url = r.get("url").asText().replace(vendor.baseUrl(), "");
            assertEquals(url, q.getUrl().replaceAll("cfenc=[^&]*", "cfenc=<redacted>"));
            r.get("headers").properties().forEach(h -> {
                if (!h.getKey().equals("Authorization")) {
                    assertEquals(h.getValue().asText(), q.getHeader(h.getKey()), h.getKey());
                }
            });
            if (r.has("body")) {
                assertEquals(r.get("body"), JSON.readTree(q.getBody()));
            }
        }
        assertFalse(it.hasNext());
    }
}
