package io.cfsync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cfsync.testkit.Cli;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cf-sync check} against a vendor on loopback: one request, the right words, send's exit codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckIT {
    private static final String KEY = "k3y-Th4t-Must-Not-Show";
    private WireMockServer vendor;

    @BeforeEach
    void start() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
    }

    @AfterEach
    void stop() {
        vendor.stop();
    }

    /** The destination's key from the environment, as a user would set it; the rest on the command line. */
    private Cli.Result check(String dest, String baseUrl) {
        List<String> args = new ArrayList<>(List.of("check", "--dest", dest, "--base-url", baseUrl));
        switch (dest) {
            case "customerio" -> args.addAll(List.of("--set", "siteId=site-7"));
            case "customfit" -> args.addAll(List.of("--set", "endpoint=https://api.customfit.ai/v1/events"));
            default -> { }
        }
        return Cli.run(new byte[0], Map.of("CF_SYNC_" + dest.toUpperCase() + "_API_KEY", KEY),
                args.toArray(String[]::new));
    }

    private void answer(int status) {
        vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[{\"message\":\"says " + status
                        + "\"}]}")));
    }

    private LoggedRequest theOnlyRequest() {
        List<LoggedRequest> seen = vendor.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                anyUrl()));
        assertEquals(1, seen.size(), "requests that reached the vendor");
        return seen.get(0);
    }

    @ParameterizedTest
    @CsvSource({
        "customerio, /api/v1/accounts/region, Basic",
        "custify,    /people/all?itemsPerPage=1&page=1, Bearer",
        "kustomer,   /v1/customers?page=1&pageSize=1, Bearer",
        "customfit,  /v1/events, Bearer"})
    void acceptedCredentialsExitZeroAfterOneAuthenticatedGet(String dest, String path, String scheme) {
        answer(200);
        Cli.Result r = check(dest, vendor.baseUrl());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(dest + ": ok: "), r.out());
        assertTrue(r.out().contains("accepted the credentials") && r.out().contains("HTTP 200"), r.out());
        LoggedRequest q = theOnlyRequest();
        assertEquals("GET", q.getMethod().getName());
        assertEquals(path, q.getUrl());
        String expected = scheme.equals("Basic")
                ? "Basic " + Base64.getEncoder().encodeToString(("site-7:" + KEY).getBytes(StandardCharsets.UTF_8))
                : "Bearer " + KEY;
        assertEquals(expected, q.getHeader("Authorization"));
        assertTrue(q.getHeader("User-Agent").startsWith("cf-sync/"), q.getHeader("User-Agent"));
        assertFalse((r.out() + r.err()).contains(KEY));
    }

    @ParameterizedTest
    @CsvSource({"customerio, 401", "custify, 401", "kustomer, 401", "customfit, 401", "kustomer, 403"})
    void refusedCredentialsExitThreeLikeSendAndNameTheSettings(String dest, int status) {
        answer(status);
        Cli.Result r = check(dest, vendor.baseUrl());
        assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
        assertTrue(r.err().startsWith("cf-sync: " + dest + ": credentials refused (HTTP " + status + " to GET "),
                r.err());
        assertTrue(r.err().contains("apiKey (CF_SYNC_" + dest.toUpperCase() + "_API_KEY)"), r.err());
        assertTrue(r.err().contains("the answer: {\"errors\":[{\"message\":\"says " + status), r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains(KEY));
        theOnlyRequest();
    }

    /** A refusal names the settings that form the credentials of the chosen API: all of them, and no others. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "track     | CF_SYNC_CUSTOMERIO_API_KEY          | siteId (CF_SYNC_CUSTOMERIO_SITE_ID), apiKey "
            + "(CF_SYNC_CUSTOMERIO_API_KEY) | pipelinesApiKey",
        "pipelines | CF_SYNC_CUSTOMERIO_PIPELINES_API_KEY | pipelinesApiKey (CF_SYNC_CUSTOMERIO_PIPELINES_API_KEY) "
            + "| siteId"})
    void aCustomerIoRefusalNamesTheCredentialsOfTheChosenApi(String api, String variable, String named,
                                                            String notNamed) {
        answer(401);
        Cli.Result r = Cli.run(new byte[0], Map.of(variable, KEY), "check", "--dest", "customerio", "--base-url",
                vendor.baseUrl(), "--set", "siteId=site-7", "--set", "api=" + api);
        assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
        String hint = r.err().lines().findFirst().orElseThrow();
        assertTrue(hint.endsWith("); check " + named), hint);
        assertFalse(hint.contains(notNamed), hint);
        assertFalse(r.err().contains(KEY));
    }

    @ParameterizedTest
    @CsvSource({"503, 3", "404, 1"})
    void failingOrUnexpectedAnswersAreNotPassed(int status, int exit) {
        answer(status);
        Cli.Result r = check("custify", vendor.baseUrl());
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().contains(status == 503 ? "vendor unreachable or failing (HTTP 503"
                : "unexpected answer HTTP 404"), r.err());
        theOnlyRequest();
    }

    @ParameterizedTest
    @CsvSource({"customerio", "kustomer"})
    void anUnreachableVendorExitsThree(String dest) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Cli.Result r = check(dest, "http://127.0.0.1:" + closed);
        assertEquals(ExitCodes.ABORTED, r.exit(), r.err());
        assertTrue(r.err().startsWith("cf-sync: " + dest + ": vendor unreachable or failing (could not connect"),
                r.err());
        assertFalse(r.err().contains(KEY));
    }

    @org.junit.jupiter.api.Test
    void missingCredentialsAreAUsageErrorAndSendNothing() {
        Cli.Result r = Cli.run("check", "--dest", "custify", "--base-url", vendor.baseUrl());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("CF_SYNC_CUSTIFY_API_KEY"), r.err());
        assertEquals(0, vendor.getAllServeEvents().size());
    }
}
