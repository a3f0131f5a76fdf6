package io.cfsync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The third-party rooms of the package design: each library, or part of one, and the only places of
 * {@code io/cfsync} that may use it. Read by {@link LayeringRules}. Stateless.
 */
final class Rooms {
    /**
     * A third-party library and the only places (folders ending in '/', or files) that may use it; a place that
     * starts with '!' is left out of the folders named beside it.
     */
    record Room(String library, Pattern use, Set<String> places) {
        boolean holds(String rel) {
            return places.stream().anyMatch(p -> !p.startsWith("!") && at(p, rel))
                    && places.stream().noneMatch(p -> p.startsWith("!") && at(p.substring(1), rel));
        }

        private static boolean at(String place, String rel) {
            return place.endsWith("/") ? rel.startsWith(place) : rel.equals(place);
        }
    }

    /**
     * Jackson has three parts, each with its room. The trees ({@code JsonNode} and {@code node}) are the data of
     * events and request bodies: built and read in {@code event} and {@code dest}, made from text in {@code input},
     * and carried on by whoever writes them out ({@code report}'s dead letters, {@code send}'s bodies, the
     * commands' JSON, Connect's record values). Mapping trees to text and back ({@code databind} beside the trees)
     * belongs where text is read or written, and to {@code dest} for a vendor's answer; {@code event} keeps to the
     * trees. The streaming API belongs to {@code input} and {@code report}, and to {@code send} for the dry-run's
     * layout, {@code cli} for positions in the config file and {@code connect} for a record that is not JSON, and to
     * Kustomer's meta flattening, which writes the JSON text of many values through one in-memory generator (one per
     * value cost a Kustomer dry-run a third of its allocations). The pipeline, the ledger and pacing use none: they
     * carry events and figures, never JSON.
     */
    static final List<Room> JACKSON = List.of(
            new Room("Jackson trees",
                    Pattern.compile("\\bcom\\.fasterxml\\.jackson\\.databind\\.(?:JsonNode|node)\\b"),
                    Set.of("event/", "dest/", "input/", "report/", "send/", "!send/rate/", "cli/", "connect/")),
            new Room("Jackson databind", Pattern.compile(
                    "\\bcom\\.fasterxml\\.jackson\\.databind\\.(?!JsonNode\\b|node\\b)"),
                    Set.of("dest/", "input/", "report/", "send/", "!send/rate/", "cli/", "connect/")),
            new Room("Jackson streaming", Pattern.compile("\\bcom\\.fasterxml\\.jackson\\.core\\b"),
                    Set.of("input/", "report/", "send/", "!send/rate/", "cli/", "connect/",
                            "dest/kustomer/AdvancedTransform.java")));

    /** Every library with a room: Jackson's three parts, then the rest. */
    static final List<Room> ALL = rooms(JACKSON,
            new Room("picocli", Pattern.compile("\\bpicocli\\."), Set.of("cli/", "Main.java")),
            new Room("Failsafe", Pattern.compile("\\bdev\\.failsafe\\b|\\bnet\\.jodah\\.failsafe\\b"),
                    Set.of("send/Resilience.java", "send/InlineScheduler.java")),
            new Room("Apache HttpClient", Pattern.compile("\\borg\\.apache\\.(hc|http)\\."),
                    Set.of("send/Transport.java", "send/TransportWords.java", "send/Classifier.java",
                            // The route planner that sends requests through a proxy tunnel: the client calls it.
                            "send/ProxyRoutes.java")),
            // The shared rate budget's store: only the class that talks to Redis knows the client.
            new Room("Jedis", Pattern.compile("\\bredis\\.clients\\."), Set.of("send/rate/redis/")),
            new Room("SQL", Pattern.compile("\\bjava\\.sql\\b|\\bjavax\\.sql\\b|\\borg\\.sqlite\\b"),
                    Set.of("state/")),
            // Loaded only for s3:// inputs: one package holds it, so a local run never loads it.
            new Room("AWS SDK", Pattern.compile("\\bsoftware\\.amazon\\."), Set.of("input/s3/")),
            new Room("Jackson YAML", Pattern.compile("\\bcom\\.fasterxml\\.jackson\\.dataformat\\.yaml\\b"
                    + "|\\borg\\.yaml\\.snakeyaml\\b"), Set.of("cli/")),
            new Room("Kafka", Pattern.compile("\\borg\\.apache\\.kafka\\."), Set.of("connect/")),
            // Connect's REST server, seen by one REST extension only: the plugin's sink code never needs it.
            new Room("JAX-RS", Pattern.compile("\\b(?:jakarta|javax)\\.ws\\.rs\\b"),
                    Set.of("connect/LiteralSecretWarning.java")),
            // The worker's own log, for that extension's debug lines; everything else reports on cf-sync's terms.
            new Room("SLF4J", Pattern.compile("\\borg\\.slf4j\\b"), Set.of("connect/LiteralSecretWarning.java")),
            // Metrics are written and pushed in one package; the rest of report hands it a snapshot.
            new Room("Prometheus client", Pattern.compile("\\bio\\.prometheus\\."), Set.of("report/metrics/")));

    private Rooms() {
    }

    /** {@code first}, then {@code more}. */
    private static List<Room> rooms(List<Room> first, Room... more) {
        List<Room> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
