package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kustomer send stopped half-way (the key refused) and run again carries on with the same automatic session ids
 * an uninterrupted run gives: the pre-pass state is saved with the watermark.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KustomerSessionResumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Tracking events of four customers over a day, with gaps past 30 minutes now and then. */
    private Path input() throws Exception {
        List<String> lines = new ArrayList<>();
        Instant t = Instant.parse("2024-03-05T08:00:00Z");
        for (int i = 1; i <= 80; i++) {
            t = t.plusSeconds(60L * (i % 9 == 0 ? 50 : 3));
            lines.add("{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + (i % 4) + "\","
                    + "\"event\":\"Viewed\",\"timestamp\":\"" + t + "\",\"properties\":{\"seq\":" + i + "}}");
        }
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        return in;
    }

    private Cli.Result run(String baseUrl, Path in, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "kustomer", "--set", "apiKey=k-session-1",
                "--set", "advancedTransform=false",
                "--set", "baseUrl=" + baseUrl, "--progress", "none", "--state", tmp.resolve("l.db").toString(),
                "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(extra));
        args.add(in.toString());
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    /** seq → session id of every tracking event in {@code bodies}. */
    private static Map<Integer, String> sessions(List<String> bodies) throws Exception {
        Map<Integer, String> out = new HashMap<>();
        for (String b : bodies) {
            JsonNode n = JSON.readTree(b);
            out.put(n.at("/event/meta/seq").asInt(), n.at("/event/sessionId").asText());
        }
        return out;
    }

    @Test
    void aResumedRunKeepsTheSessionIdsOfAnUninterruptedOne() throws Exception {
        Path in = input();
        Cli.Result dry = Cli.run(new byte[0], Map.of(), "send", "--dest", "kustomer", "--dry-run", "--set",
                "advancedTransform=false", in.toString());
        assertEquals(0, dry.exit(), dry.err());
        List<String> planned = new ArrayList<>();
        for (String l : dry.out().split("\n")) {
            planned.add(JSON.readTree(l).get("body").toString());
        }
        Map<Integer, String> expected = sessions(planned);
        assertEquals(80, expected.size());

        List<String> accepted = new ArrayList<>();
        try (VendorStub vendor = new VendorStub()) {
            AtomicBoolean revoked = new AtomicBoolean(true);
            vendor.answer((req, n) -> {
                if (revoked.get() && n > 37) {
                    return aResponse().withStatus(401).withBody("key revoked").build();
                }
                synchronized (accepted) {
                    accepted.add(req.body());
                }
                return okJson("{}").build();
            });
            Cli.Result first = run(vendor.baseUrl(), in, "--concurrency", "3");
            assertEquals(io.cfsync.cli.ExitCodes.ABORTED, first.exit(), first.err());
            int before = accepted.size();
            assertTrue(before >= 30 && before < 80, "stopped half-way: " + before);

            revoked.set(false);
            Cli.Result second = run(vendor.baseUrl(), in, "--concurrency", "3");
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains("resuming"), second.err());
        }
        Map<Integer, String> sent = sessions(accepted);
        assertEquals(80, sent.size(), "every event delivered once");
        List<Integer> different = expected.keySet().stream().filter(k -> !expected.get(k).equals(sent.get(k)))
                .sorted().toList();
        assertEquals(List.of(), different, "events whose session id differs from one uninterrupted run's");
    }
}
