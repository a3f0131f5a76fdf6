package io.cfsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering rules catch what they claim to: each kind of violation, injected alone into a copy of the sources,
 * is reported against the file it was put in; the untouched copy passes; and code in comments or strings is not
 * taken for a use.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LayeringMutationTest {
    /** Where a line goes: after the package line (an import) or before the class's last brace (a member). */
    enum At { IMPORT, MEMBER }

    /** One injected violation. */
    record Mutation(String name, String file, At at, String line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Mutation> mutations() {
        return List.of(
                new Mutation("upward import: event uses send", "event/Event.java", At.IMPORT,
                        "import io.cfsync.send.Delivery;"),
                new Mutation("upward import: dest uses pipeline", "dest/Settings.java", At.IMPORT,
                        "import io.cfsync.pipeline.Pipeline;"),
                new Mutation("upward qualified name: report uses cli", "report/RunReport.java", At.MEMBER,
                        "private static final int INJECTED = io.cfsync.cli.ExitCodes.OK;"),
                new Mutation("sideways: input uses state", "input/Inputs.java", At.IMPORT,
                        "import io.cfsync.state.Ledger;"),
                new Mutation("send uses event outside the allow-list", "send/Lanes.java", At.IMPORT,
                        "import io.cfsync.event.Event;"),
                new Mutation("upward import: pacing uses the sender", "send/rate/Pacer.java", At.IMPORT,
                        "import io.cfsync.send.SinkTuning;"),
                new Mutation("upward qualified name: pacing uses the sender", "send/rate/Pacings.java", At.MEMBER,
                        "private static final double INJECTED = io.cfsync.send.SinkTuning.UNLIMITED;"),
                new Mutation("pacing uses dest", "send/rate/AdaptiveRate.java", At.IMPORT,
                        "import io.cfsync.dest.Auth;"),
                new Mutation("picocli in pipeline", "pipeline/Pipeline.java", At.IMPORT,
                        "import picocli.CommandLine;"),
                new Mutation("Failsafe in dest", "dest/Settings.java", At.IMPORT,
                        "import dev.failsafe.RetryPolicy;"),
                new Mutation("Failsafe in send outside the resilience classes", "send/Lanes.java", At.MEMBER,
                        "private final Object injected = dev.failsafe.RetryPolicy.ofDefaults();"),
                new Mutation("the Redis client in send outside the shared budget's room", "send/Lanes.java",
                        At.IMPORT, "import redis.clients.jedis.RedisClient;"),
                new Mutation("the Redis client in send.rate beside its room", "send/rate/SharedPacer.java",
                        At.MEMBER, "private static final Class<?> INJECTED = redis.clients.jedis.RedisClient.class;"),
                new Mutation("HttpClient in report", "report/RunReport.java", At.IMPORT,
                        "import org.apache.hc.core5.http.HttpStatus;"),
                new Mutation("java.sql in send", "send/HttpSink.java", At.IMPORT,
                        "import java.sql.Connection;"),
                new Mutation("the progress display back in send", "send/Lanes.java", At.MEMBER,
                        "static final class StatusLine { }"),
                new Mutation("the progress display using send", "report/StatusLine.java", At.IMPORT,
                        "import io.cfsync.send.Resilience;"),
                new Mutation("Prometheus client in report outside metrics", "report/Summary.java", At.IMPORT,
                        "import io.prometheus.metrics.model.snapshots.CounterSnapshot;"),
                new Mutation("SQLite driver in pipeline", "pipeline/Checkpoints.java", At.MEMBER,
                        "private static final Class<?> INJECTED = org.sqlite.JDBC.class;"),
                new Mutation("Jackson YAML in pipeline", "pipeline/SendJob.java", At.IMPORT,
                        "import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;"),
                new Mutation("another vendor's package from a vendor", "dest/custify/CustifyTranslator.java",
                        At.IMPORT, "import io.cfsync.dest.kustomer.KustomerDestination;"),
                new Mutation("a vendor package from outside the registry", "report/RunReport.java", At.IMPORT,
                        "import io.cfsync.dest.customerio.CustomerIoDestination;"),
                new Mutation("Instant.now() in a dest class", "dest/ValueRules.java", At.MEMBER,
                        "private static final java.time.Instant INJECTED = java.time.Instant.now();"),
                new Mutation("new Random() in a vendor class", "dest/customerio/EventIds.java", At.MEMBER,
                        "private static final java.util.Random INJECTED = new java.util.Random(1);"),
                new Mutation("UUID.randomUUID() in a vendor class", "dest/kustomer/SessionPrePass.java",
                        At.MEMBER, "private final String injected = java.util.UUID.randomUUID().toString();"),
                new Mutation("System.currentTimeMillis() in dest", "dest/FieldTable.java", At.MEMBER,
                        "private final long injected = System.currentTimeMillis();"),
                new Mutation("System.nanoTime() in dest", "dest/Settings.java", At.MEMBER,
                        "private final long injected = System.nanoTime();"),
                new Mutation("a Clock in dest", "dest/When.java", At.IMPORT, "import java.time.Clock;"),
                new Mutation("ThreadLocalRandom in dest", "dest/custify/CustifyFields.java", At.IMPORT,
                        "import java.util.concurrent.ThreadLocalRandom;"),
                new Mutation("SecureRandom in dest", "dest/Auth.java", At.IMPORT,
                        "import java.security.SecureRandom;"),
                new Mutation("a non-cli import in Main", "Main.java", At.IMPORT,
                        "import io.cfsync.pipeline.SendJob;"),
                new Mutation("a non-cli qualified name in Main", "Main.java", At.MEMBER,
                        "private static final int INJECTED = io.cfsync.state.Ledger.class.hashCode();"),
                new Mutation("System.exit outside Main", "cli/SendCommand.java", At.MEMBER,
                        "private static void injected() { System.exit(3); }"),
                new Mutation("a package that depends on Main", "cli/Program.java", At.MEMBER,
                        "private static final Class<?> INJECTED = io.cfsync.Main.class;"),
                new Mutation("pipeline names the shared budget", "pipeline/SendJob.java", At.IMPORT,
                        "import io.cfsync.send.SharedBudget;"),
                new Mutation("pipeline names the sender's lanes", "pipeline/Shard.java", At.MEMBER,
                        "private static final Class<?> INJECTED = io.cfsync.send.Lanes.class;"),
                new Mutation("pipeline imports all of send", "pipeline/EventFilter.java", At.IMPORT,
                        "import io.cfsync.send.*;"));
    }

    static List<Mutation> all() {
        List<Mutation> all = new java.util.ArrayList<>(mutations());
        all.addAll(LayeringMutations.jackson());
        all.addAll(LayeringMutations.pureDest());
        return all;
    }

    @TempDir
    static Path copy;

    @BeforeAll
    static void copySources() throws IOException {
        try (Stream<Path> files = Files.walk(LayeringTest.SOURCES)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(LayeringTest.SOURCES.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    @Test
    void theUntouchedCopyPasses() {
        assertEquals(List.of(), LayeringRules.violations(copy));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void eachInjectedViolationIsCaught(Mutation m) throws IOException {
        Path file = copy.resolve("io/cfsync").resolve(m.file());
        String original = Files.readString(file);
        try {
            Files.writeString(file, inject(original, m));
            List<String> found = LayeringRules.violations(copy);
            assertFalse(found.isEmpty(), m.name() + " was not caught");
            assertTrue(found.stream().allMatch(v -> v.startsWith(m.file() + " ")),
                    m.name() + " was reported elsewhere: " + found);
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    void commentsAndStringsAreNotUses() throws IOException {
        Mutation harmless = new Mutation("mentions only", "event/Event.java", At.MEMBER,
                "// io.cfsync.send.Delivery, picocli.CommandLine\n"
                        + "private static final String INJECTED = \"io.cfsync.cli.Main java.sql.Connection\";");
        Path file = copy.resolve("io/cfsync").resolve(harmless.file());
        String original = Files.readString(file);
        try {
            Files.writeString(file, inject(original, harmless));
            assertEquals(List.of(), LayeringRules.violations(copy));
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    void destsPureNeighboursAreNotTakenForIo() throws IOException {
        Mutation harmless = new Mutation("values and in-memory streams", "dest/Settings.java", At.MEMBER,
                "// java.nio.file.Files, new Thread(), System.getenv\n"
                        + "private static final java.net.URI INJECTED = java.net.URI.create(\"java.net.Socket\");\n"
                        + "private static final String INJECTED_TOO = java.net.URLEncoder.encode(\"x\", "
                        + "java.nio.charset.StandardCharsets.UTF_8);\n"
                        + "private static final Object INJECTED_BYTES = new java.io.ByteArrayOutputStream();\n"
                        + "private static final Class<?> INJECTED_ERROR = java.io.UncheckedIOException.class;");
        Path file = copy.resolve("io/cfsync").resolve(harmless.file());
        String original = Files.readString(file);
        try {
            Files.writeString(file, inject(original, harmless));
            assertEquals(List.of(), LayeringRules.violations(copy));
        } finally {
            Files.writeString(file, original);
        }
    }

    private static String inject(String src, Mutation m) {
        if (m.at() == At.IMPORT) {
            int eol = src.indexOf('\n', src.indexOf("package "));
            return src.substring(0, eol + 1) + "\n" + m.line() + "\n" + src.substring(eol + 1);
        }
        int last = src.lastIndexOf('}');
        if (last < 0) {
            throw new UncheckedIOException(new IOException("no class body in " + m.file()));
        }
        return src.substring(0, last) + "    " + m.line() + "\n" + src.substring(last);
    }
}
