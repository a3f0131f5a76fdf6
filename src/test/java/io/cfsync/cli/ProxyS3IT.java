package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cfsync.testkit.Cli;
import io.cfsync.testkit.S3Server;
import io.cfsync.testkit.TinyProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code s3://} inputs through a real forward proxy (tinyproxy, with Basic credentials), and NO_PROXY around it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyS3IT {
    private static final String USER = "relay";
    private static final String PASSWORD = "s3Pr0xyPassWd";
    private static S3Server s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3Server();
        for (String[] p : new String[][] {{"aws.accessKeyId", S3Server.ACCESS_KEY},
            {"aws.secretAccessKey", S3Server.SECRET_KEY}, {"aws.region", "us-east-1"}}) {
            System.setProperty(p[0], p[1]);
        }
        s3.put("archive", "day/one.ndjson", ("{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"u\","
                + "\"event\":\"Opened\"}\n").getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        for (String p : new String[] {"aws.accessKeyId", "aws.secretAccessKey", "aws.region"}) {
            System.clearProperty(p);
        }
    }

    private static Cli.Result dryRun(Map<String, String> env) {
        return Cli.run(new byte[0], env, "send", "--dest", "customerio", "--dry-run", "--verbose", "--s3-endpoint",
                s3.endpoint(), "s3://archive/day/");
    }

    @Test
    void objectsAreListedAndReadThroughTheProxy() throws Exception {
        assumeTrue(TinyProxy.available(), TinyProxy.unavailable());
        try (TinyProxy proxy = new TinyProxy(tmp.resolve("proxy"), USER, PASSWORD)) {
            Cli.Result r = dryRun(Map.of("http_proxy", proxy.url(USER + ":" + PASSWORD)));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("Opened"), r.out());
            String port = s3.endpoint().substring(s3.endpoint().lastIndexOf(':') + 1);
            assertTrue(proxy.requests().stream().anyMatch(q -> q.startsWith("GET http://127.0.0.1:" + port
                    + "/archive")), proxy.log());
            assertTrue(r.err().contains("S3: 127.0.0.1 goes through the proxy http://" + USER + "@127.0.0.1:"
                    + proxy.port() + " (from http_proxy)"), r.err());
            assertFalse((r.out() + r.err()).contains(PASSWORD));
        }
    }

    @Test
    void noProxyLetsALocalEndpointGoDirect() throws Exception {
        assumeTrue(TinyProxy.available(), TinyProxy.unavailable());
        try (TinyProxy proxy = new TinyProxy(tmp.resolve("proxy"), null, null)) {
            Cli.Result r = dryRun(Map.of("HTTP_PROXY", proxy.url(null), "NO_PROXY", "localhost,127.0.0.0/8"));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("Opened"), r.out());
            assertEquals(java.util.List.of(), proxy.requests(), proxy.log());
            assertTrue(r.err().contains("S3: 127.0.0.1 goes direct: NO_PROXY exempts it"), r.err());
        }
    }
}
