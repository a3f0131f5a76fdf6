package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which proxy a host goes through: curl's precedence and NO_PROXY rules, and proxy URLs read without leaks. */
@Timeout(10)
class ProxyRulesTest {
    private static String via(ProxyRules rules, String url) {
        ProxyRules.Proxy p = rules.forUrl(URI.create(url)).proxy();
        return p == null ? "direct" : p.host() + ":" + p.port();
    }

    @ParameterizedTest(name = "NO_PROXY={0}: {1}:{2} exempt={3}")
    @CsvSource(delimiter = '|', value = {
        "example.com | example.com | 443 | true",
        "example.com | api.example.com | 443 | true",
        ".example.com | example.com | 443 | true",
        ".example.com | a.b.example.com | 443 | true",
        "example.com | badexample.com | 443 | false",
        "example.com | example.com.evil.net | 443 | false",
        "EXAMPLE.com | Api.Example.COM | 443 | true",
        "example.com:8443 | example.com | 8443 | true",
        "example.com:8443 | example.com | 443 | false",
        "* | anything.at.all | 443 | true",
        "a.org, *, b.org | x.net | 443 | false",
        "10.0.0.5 | 10.0.0.5 | 80 | true",
        "10.0.0.5 | 10.0.0.50 | 80 | false",
        "10.0.0.0/8 | 10.20.30.40 | 80 | true",
        "10.0.0.0/8 | 11.0.0.1 | 80 | false",
        "192.168.1.0/24 | 192.168.1.254 | 80 | true",
        "::1 | [::1] | 80 | true",
        "[::1]:9000 | ::1 | 9000 | true",
        "[::1]:9000 | ::1 | 9001 | false",
        "fd00::/8 | fd12::1 | 443 | true",
        "localhost | 127.0.0.1 | 80 | false",
        "127.0.0.1 | localhost | 80 | false",
        "' , ,internal' | svc.internal | 443 | true",
        "'a.org b.org' | b.org | 443 | true",
        "example.com. | example.com | 443 | true",
        "999.1.1.1 | 999.1.1.1 | 443 | true"})
    void noProxyMatchesAsCurlDoes(String list, String host, int port, boolean exempt) {
        assertEquals(exempt, NoProxy.parse(list).exempts(host, port));
    }

    @Test
    void anEmptyNoProxyExemptsNothing() {
        assertFalse(NoProxy.parse("").exempts("localhost", 80));
        assertFalse(NoProxy.parse(null).exempts("localhost", 80));
    }

    @Test
    void theSchemePicksTheVariableAndLowerCaseWins() {
        ProxyRules r = ProxyRules.of(null, null, Map.of("HTTPS_PROXY", "http://up:1", "https_proxy", "http://low:2",
                "HTTP_PROXY", "plain:3"));
        assertEquals("low:2", via(r, "https://track.customer.io/api"));
        assertEquals("plain:3", via(r, "http://127.0.0.1:8080/"));
        assertEquals("https_proxy", r.forUrl(URI.create("https://x")).proxy().source());
        ProxyRules upper = ProxyRules.of(null, null, Map.of("HTTPS_PROXY", "http://up:1"));
        assertEquals("up:1", via(upper, "https://x.io"));
        assertEquals("direct", via(upper, "http://x.io"));
    }

    @Test
    void theSettingWinsOverTheVariablesButNoProxyStillExempts() {
        ProxyRules r = ProxyRules.of("http://mine:3128", "--proxy", Map.of("HTTPS_PROXY", "http://env:1",
                "NO_PROXY", ".corp.net", "no_proxy", "internal"));
        assertEquals("mine:3128", via(r, "https://api.custify.com"));
        assertEquals("mine:3128", via(r, "http://api.custify.com"));
        assertEquals("direct", via(r, "https://s3.internal:9000"));
        assertEquals("mine:3128", via(r, "https://s3.corp.net"), "the lower-case no_proxy wins over NO_PROXY");
        assertEquals("no_proxy", r.forUrl(URI.create("https://s3.internal")).exemptedBy());
    }

    @Test
    void aProxyUrlWithoutSchemeOrPortIsReadAsCurlReadsIt() {
        ProxyRules.Proxy p = ProxyRules.parse("proxy.corp", "HTTPS_PROXY");
        assertEquals("proxy.corp", p.host());
        assertEquals(1080, p.port());
        assertNull(p.user());
    }

    @Test
    void userInfoIsPercentDecodedAndTheDisplayNeverHoldsThePassword() {
        ProxyRules.Proxy p = ProxyRules.parse("http://me%40corp:p%3Ass%2Fw+rd@proxy:3128", "--proxy");
        assertEquals("me@corp", p.user());
        assertEquals("p:ss/w+rd", p.password());
        assertEquals("http://me@corp@proxy:3128", p.display());
        assertFalse(p.toString().contains("ss"));
        ProxyRules r = ProxyRules.of("http://me%40corp:p%3Ass%2Fw+rd@proxy:3128", "--proxy", Map.of());
        assertEquals(List.of("p:ss/w+rd", "me@corp:p:ss/w+rd"), r.secrets());
        assertFalse(r.forUrl(URI.create("https://x")).describe("x").contains("ss"));
    }

    @Test
    void unusableProxyUrlsAreRefusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyRules.of(null, null, Map.of("HTTPS_PROXY", "socks5://u:Hunter2Secret@h:1")));
        assertTrue(e.getMessage().startsWith("HTTPS_PROXY: only http:// proxies"), e.getMessage());
        assertFalse(e.getMessage().contains("Hunter2"));
        e = assertThrows(IllegalArgumentException.class,
                () -> ProxyRules.of("http://u:Hunter2Secret@h:1/path", "--proxy", Map.of()));
        assertFalse(e.getMessage().contains("Hunter2"), e.getMessage());
    }

    @Test
    void noVariablesMeansDirect() {
        ProxyRules r = ProxyRules.of(null, null, Map.of("NO_PROXY", "*"));
        assertFalse(r.any());
        assertEquals("direct", via(r, "https://x"));
        assertEquals("x goes direct", r.forUrl(URI.create("https://x")).describe("x"));
    }
}
