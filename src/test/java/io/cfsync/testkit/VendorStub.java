package io.cfsync.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A vendor on loopback for whole-run and sender tests: WireMock, with every request recorded in the order it arrived (before it
 * is answered, so for one user the order is exactly the order cf-sync sent them) and answered by a per-test
 * behaviour, or by whatever stub matched (scenarios), or 200 {}. No request journal: the recording is enough.
 */
public final class VendorStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the vendor saw it. */
    public record Seen(long nanos, String method, String url, String body, String authorization, String userAgent) {
        /** The Customer.io person in the URL ({@code /api/v1/customers/<id>/...}), or null. */
        public String user() {
            int i = url.indexOf("/customers/");
            if (i < 0) {
                return null;
            }
            String rest = url.substring(i + "/customers/".length());
            int end = rest.indexOf('/');
            return end < 0 ? rest : rest.substring(0, end);
        }

        /** {@code data.seq} of a Customer.io event body, or -1. */
        public int seq() {
            try {
                JsonNode n = JSON.readTree(body).at("/data/seq");
                return n.isNumber() ? n.asInt() : -1;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** Decides an answer; null means "whatever stub matched". {@code n} counts requests from 1. */
    public interface Behaviour {
        ResponseDefinition answer(Seen request, int n);
    }

    public final WireMockServer server;
    private final List<Seen> seen = new ArrayList<>();
    private volatile Behaviour behaviour = (r, n) -> null;

    public VendorStub() {
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(48)
                .disableRequestJournal()
                .extensions(new Recorder()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public void answer(Behaviour b) {
        this.behaviour = b;
    }

    public List<Seen> seen() {
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }

    public int count() {
        synchronized (seen) {
            return seen.size();
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Recorder implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest r = event.getRequest();
            Seen s = new Seen(System.nanoTime(), r.getMethod().getName(), r.getUrl(), r.getBodyAsString(),
                    r.getHeader("Authorization"), r.getHeader("User-Agent"));
            int n;
            synchronized (seen) {
                seen.add(s);
                n = seen.size();
            }
            ResponseDefinition d = behaviour.answer(s, n);
            return d != null ? d : event.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "cf-sync-recorder";
        }
    }

    /** {@code n} track events, users taking turns ({@code user-0} … {@code user-<users-1>}), with data.seq = line. */
    public static Path trackEvents(Path dir, String name, int n, int users) throws IOException {
        List<String> lines = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            lines.add("{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"user-" + (i % users)
                    + "\",\"event\":\"Order Completed\",\"timestamp\":\"2024-03-05T14:25:12Z\","
                    + "\"properties\":{\"seq\":" + i + "}}");
        }
        Path p = dir.resolve(name);
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }

    /** The seq numbers the vendor received, in arrival order, per user. */
    public static java.util.Map<String, List<Integer>> seqByUser(List<Seen> seen) {
        return seen.stream().filter(s -> s.user() != null).collect(Collectors.groupingBy(Seen::user,
                java.util.TreeMap::new, Collectors.mapping(Seen::seq, Collectors.toList())));
    }
}
