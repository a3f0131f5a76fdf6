package io.cfsync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cfsync.testkit.Spellings;
import io.cfsync.testkit.TestCa;
import io.cfsync.testkit.TinyProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s3://} from an https endpoint through a proxy that demands Basic credentials: the login must reach the
 * CONNECT tunnel. Runs cf-sync in its own JVM, since the JDK settles whether Basic may be used on tunnels when
 * the first URL connection of a process is made, and this test JVM makes others.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProxyS3TunnelIT {
    private static final String USER = "relay";
    private static final String PASSWORD = "tUnn3lPassWd";
    private static final String KEY = "day/one.ndjson";
    private static final String BODY = "{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"u\",\"event\":\"Opened\"}\n"
            + "{\"type\":\"track\",\"messageId\":\"m-2\",\"userId\":\"u\",\"event\":\"Clicked\"}\n";
    private static final String ETAG = "\"6f1ed002ab5595859014ebf0951522d9\"";

    @TempDir
    Path tmp;

    @Test
    void anHttpsEndpointIsReadThroughAProxyThatDemandsALogin() throws Exception {
        assumeTrue(TinyProxy.available(), TinyProxy.unavailable());
        TestCa ca = TestCa.create(tmp.resolve("ca"), "cf-sync Test CA");
        WireMockServer s3 = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().dynamicHttpsPort().keystorePath(ca.serverKeyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(TestCa.PASSWORD).keyManagerPassword(TestCa.PASSWORD));
        s3.start();
        try (TinyProxy proxy = new TinyProxy(tmp.resolve("proxy"), USER, PASSWORD, s3.httpsPort())) {
            stub(s3);
            Path err = tmp.resolve("err.txt");
            Path out = tmp.resolve("out.txt");
            int exit = run(s3.httpsPort(), ca.caPem(), proxy.url(USER + ":" + PASSWORD), out, err);
            String said = Files.readString(out) + Files.readString(err);
            assertEquals(0, exit, said + proxy.log());
            assertTrue(said.contains("Opened") && said.contains("Clicked"), said);
            assertTrue(proxy.tunnels().contains("CONNECT 127.0.0.1:" + s3.httpsPort()), proxy.log());
            List<String> forbidden = Spellings.forbidden(USER, PASSWORD, 8);
            assertNull(Spellings.firstIn(said, forbidden), said);
            for (LoggedRequest q : s3.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))) {
                // The proxy's login is for the proxy: none of it goes down the tunnel to the endpoint.
                assertNull(Spellings.firstIn(q.getHeaders().toString(), forbidden), q.getHeaders().toString());
            }
        } finally {
            s3.stop();
        }
    }

    private static void stub(WireMockServer s3) {
        int size = BODY.getBytes(StandardCharsets.UTF_8).length;
        s3.stubFor(get(urlPathEqualTo("/archive")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>archive</Name>"
                        + "<Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>"
                        + "<IsTruncated>false</IsTruncated><Contents><Key>" + KEY + "</Key>"
                        + "<LastModified>2026-12-01T00:00:00.000Z</LastModified><ETag>&quot;"
                        + ETAG.substring(1, ETAG.length() - 1) + "&quot;</ETag><Size>" + size + "</Size>"
                        + "<StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>")));
        s3.stubFor(get(urlPathEqualTo("/archive/" + KEY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson").withHeader("ETag", ETAG)
                .withHeader("Last-Modified", "Tue, 01 Dec 2026 00:00:00 GMT").withBody(BODY)));
    }

    private int run(int port, Path caPem, String proxyUrl, Path out, Path err) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.cfsync.Main", "send", "--dest", "customerio", "--dry-run", "--progress", "none",
                "--s3-endpoint", "https://127.0.0.1:" + port, "--ca-file", caPem.toString(), "s3://archive/")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy") || k.startsWith("AWS_")
                || k.startsWith("CF_SYNC_") || k.startsWith("JAVA_TOOL") || k.startsWith("JDK_JAVA"));
        env.putAll(Map.of("HTTPS_PROXY", proxyUrl, "AWS_ACCESS_KEY_ID", "AKIATUNNELTEST",
                "AWS_SECRET_ACCESS_KEY", "tunnel-test-secret", "AWS_REGION", "us-east-1",
                "HOME", tmp.toString(), "XDG_STATE_HOME", tmp.resolve("state").toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString()));
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return p.exitValue();
    }
}
