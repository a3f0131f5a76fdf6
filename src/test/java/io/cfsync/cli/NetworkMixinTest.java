package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.send.Network;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Where the proxy and the CA bundle come from, in order: option, CF_SYNC_ variable, config file, curl's variables. */
@Timeout(10)
class NetworkMixinTest {
    @TempDir
    Path tmp;

    private static String proxyFor(Network n) {
        var p = n.proxies().forUrl(URI.create("https://api.custify.com")).proxy();
        return p == null ? "direct" : p.host() + " from " + p.source();
    }

    private Path config(String options) throws Exception {
        Path f = tmp.resolve("config.yaml");
        Files.writeString(f, "options:\n" + options);
        return f;
    }

    @Test
    void theProxyComesFromTheOptionThenTheVariableThenTheFileThenHttpsProxy() throws Exception {
        Path file = config("  proxy: http://file:3128\n");
        NetworkMixin m = new NetworkMixin();
        Map<String, String> env = Map.of("CF_SYNC_PROXY", "http://var:3128", "HTTPS_PROXY", "http://curl:3128");
        m.proxy = "http://flag:3128";
        assertEquals("flag from --proxy", proxyFor(m.network(env, file)));
        m.proxy = null;
        assertEquals("var from CF_SYNC_PROXY", proxyFor(m.network(env, file)));
        assertEquals("file from config file " + file + ": options.proxy",
                proxyFor(m.network(Map.of("HTTPS_PROXY", "http://curl:3128"), file)));
        assertEquals("curl from HTTPS_PROXY", proxyFor(m.network(Map.of("HTTPS_PROXY", "http://curl:3128"), null)));
        assertEquals("direct", proxyFor(m.network(Map.of(), null)));
    }

    @Test
    void theCaFileComesFromTheOptionThenTheVariableThenTheFileThenSslCertFile() throws Exception {
        Path pem = io.cfsync.testkit.TestCa.create(tmp.resolve("ca"), "Some CA").caPem();
        Path other = Files.copy(pem, tmp.resolve("b.pem"));
        NetworkMixin m = new NetworkMixin();
        assertEquals(List.of(other), m.network(Map.of("SSL_CERT_FILE", other.toString()), null).caFiles());
        assertEquals(List.of(pem), m.network(Map.of("CF_SYNC_CA_FILE", pem.toString(), "SSL_CERT_FILE",
                other.toString()), null).caFiles());
        assertEquals(List.of(pem), m.network(Map.of("SSL_CERT_FILE", other.toString()),
                config("  ca-file: " + pem + "\n")).caFiles());
        m.caFile = other;
        assertEquals(List.of(other), m.network(Map.of("CF_SYNC_CA_FILE", pem.toString()), null).caFiles());
        assertEquals(List.of(), new NetworkMixin().network(Map.of(), null).caFiles());
    }

    /** The system bundle is parsed only when a connection may be made; a CA file named on purpose always is. */
    @Test
    void theEnvironmentsBundleIsCheckedOnlyWhenTlsIsNeededNow() throws Exception {
        Path notPem = Files.writeString(tmp.resolve("bundle.pem"), "not a certificate");
        NetworkMixin m = new NetworkMixin();
        Map<String, String> env = Map.of("SSL_CERT_FILE", notPem.toString());
        assertEquals(List.of(notPem), m.network(env, null, false).caFiles());
        UsageException now = assertThrows(UsageException.class, () -> m.network(env, null, true));
        assertTrue(now.getMessage().contains(notPem.toString()), now.getMessage());
        assertThrows(UsageException.class, () -> m.network(Map.of("CF_SYNC_CA_FILE", notPem.toString()), null,
                false), "a CA file named on purpose is checked even when no connection is made yet");
    }

    @Test
    void aBadCaFileOrProxyIsAUsageErrorThatNeverEchoesThePassword() throws Exception {
        Path notPem = Files.writeString(tmp.resolve("x.pem"), "not a certificate");
        NetworkMixin m = new NetworkMixin();
        m.caFile = notPem;
        UsageException e = assertThrows(UsageException.class, () -> m.network(Map.of(), null));
        assertTrue(e.getMessage().contains(notPem.toString()), e.getMessage());
        UsageException p = assertThrows(UsageException.class, () -> new NetworkMixin().network(
                Map.of("CF_SYNC_PROXY", "socks5://me:Sup3rSecretPw@h:1"), null));
        assertTrue(p.getMessage().startsWith("CF_SYNC_PROXY: "), p.getMessage());
        assertFalse(p.getMessage().contains("Sup3rSecret"), p.getMessage());
    }

    @Test
    void s3OverHttpsThroughAProxyWithCredentialsIsDescribedWithoutThePassword() {
        Network n = new NetworkMixin().network(Map.of("HTTPS_PROXY", "http://me:Sup3rSecretPw@proxy:3128",
                "NO_PROXY", "minio.lan"), null);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        io.cfsync.input.Inputs.Reach r = S3Reach.of(n, null, Map.of(), new java.io.PrintStream(err, true), true);
        assertEquals(URI.create("http://proxy:3128"), r.proxy());
        String said = err.toString();
        assertTrue(said.contains("S3: s3.amazonaws.com goes through the proxy http://me@proxy:3128"), said);
        assertFalse(said.contains("warning"), said); // the login reaches the tunnel: nothing to warn about
        assertEquals("me", r.proxyUser());
        assertFalse(said.contains("Sup3rSecret"), said);
        err.reset();
        io.cfsync.input.Inputs.Reach direct = S3Reach.of(n, "https://minio.lan:9000", Map.of(),
                new java.io.PrintStream(err, true), false);
        assertEquals(null, direct.proxy());
        assertEquals("", err.toString());
    }
}
